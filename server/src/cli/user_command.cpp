// portal user create: creates a portal user from the command line (e.g. the first SuperAdmin).
#include <iostream>

#include "app/portal.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "domain/organization_service.hpp"
#include "domain/user_service.hpp"

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
    const domain::Actor system = domain::SystemActor("cli");
    domain::CreateUserRequest request{args->name, args->email, *role, std::nullopt, std::nullopt, std::nullopt};
    if (!args->generate_password) request.password = args->password;  // else generated, changed at first login
    bool created_org = false;
    if (!args->organization.empty() && *role != domain::Role::kSuperAdmin) {
      auto org = (*portal)->Organizations().FindOrCreate(system, {args->organization, std::nullopt}, created_org);
      if (!org) Die("user create: " + org.error().message);
      request.organization_id = org->id;
    }
    auto created = (*portal)->Users().Create(system, request);
    if (!created) Die("user create: " + created.error().message);
    const domain::User& made = created->user.user;
    if (created_org) std::cout << "created organization " << args->organization << "\n";
    std::cout << "created " << domain::ToString(made.role) << " " << made.email << " (" << made.id << ")\n";
    if (created->initial_password) std::cout << "password: " << *created->initial_password << "\n";
  });
}

}  // namespace portal::cli
