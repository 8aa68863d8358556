// portal user create: creates a portal user from the command line (e.g. the first SuperAdmin).
#include <iostream>

#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/ids.hpp"
#include "security/tokens.hpp"

namespace portal::cli {
namespace {

struct UserCreateArgs {
  app::ConfigFlags flags;
  std::string email;
  std::string name;
  std::string role;
  std::string password;
  bool generate_password = false;
  std::string organization;
};

// The organization named on the command line, created when it does not exist yet.
Result<std::string> OrganizationId(domain::Store& store, const std::string& name, bool& created) {
  std::string id;
  auto now = ToUnixMillis(std::chrono::system_clock::now());
  auto write = store.Write([&](domain::Tx& tx) -> Status {
    auto found = tx.Organizations().FindByName(name);
    if (found) {
      id = found->id;
      return {};
    }
    if (found.error().code != ErrorCode::kNotFound) return Fail(found.error());
    domain::Organization org{NewId("org"), name, "", now, now};
    if (auto s = tx.Organizations().Insert(org); !s) return s;
    id = org.id;
    created = true;
    return {};
  });
  if (!write) return Fail(write.error());
  return id;
}

}  // namespace

void AddUserCommand(CLI::App& app) {
  auto args = std::make_shared<UserCreateArgs>();
  auto* user = app.add_subcommand("user", "Manage portal users");
  user->require_subcommand(1);
  auto* create = user->add_subcommand("create", "Create a user");
  AddDatabaseFlags(*create, args->flags);
  create->add_option("--email", args->email, "email address")->required();
  create->add_option("--name", args->name, "display name")->required();
  create->add_option("--role", args->role, "SuperAdmin, Admin or User")
      ->required()
      ->check(CLI::IsMember({"SuperAdmin", "Admin", "User"}));
  auto* password = create->add_option("--password", args->password, "initial password (12–128 characters)");
  auto* generate =
      create->add_flag("--generate-password", args->generate_password, "generate a password and print it once");
  password->excludes(generate);
  create->add_option("--organization", args->organization, "organization name (created when missing)");
  create->callback([args] {
    if (args->password.empty() && !args->generate_password)
      Die("user create: give --password or --generate-password", 2);
    auto role = domain::ParseRole(args->role);
    if (*role != domain::Role::kSuperAdmin && args->organization.empty()) {
      Die("user create: an Admin or User needs --organization NAME", 2);
    }
    auto config = LoadConfigOrExit(args->flags);
    auto portal = app::Portal::Open(config);
    if (!portal) Die(portal.error().message);
    std::string password_text = args->password;
    if (args->generate_password) password_text = security::SodiumTokenGenerator().RandomPassword(16);
    domain::NewUserInput input{args->name, args->email, *role, std::nullopt, password_text, args->generate_password};
    bool created_org = false;
    if (!args->organization.empty() && *role != domain::Role::kSuperAdmin) {
      auto org = OrganizationId((*portal)->Store(), args->organization, created_org);
      if (!org) Die("user create: " + org.error().message);
      input.organization_id = *org;
    }
    auto created = (*portal)->Auth().CreateUser(input, std::nullopt, "cli");
    if (!created) Die("user create: " + created.error().message);
    if (created_org) std::cout << "created organization " << args->organization << "\n";
    std::cout << "created " << domain::ToString(created->role) << " " << created->email << " (" << created->id << ")\n";
    if (args->generate_password) std::cout << "password: " << password_text << "\n";
  });
}

}  // namespace portal::cli
