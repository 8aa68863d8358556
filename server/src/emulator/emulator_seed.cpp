#include "emulator/emulator_seed.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "emulator/emulator_random.hpp"

namespace portal::emulator {
namespace {

constexpr std::array<std::string_view, 12> kFirstNames = {"Ada", "Grace", "Alan",   "Barbara", "Dennis", "Frances",
                                                          "Ken", "Radia", "Edsger", "Hedy",    "Linus",  "Margaret"};
constexpr std::array<std::string_view, 12> kLastNames = {"Lovelace", "Hopper", "Turing",   "Liskov",
                                                         "Ritchie",  "Allen",  "Thompson", "Perlman",
                                                         "Dijkstra", "Lamarr", "Torvalds", "Hamilton"};
constexpr std::array<std::string_view, 10> kWorkspaceNames = {
    "Production", "Staging",        "Research",   "Data Science", "Support Bot",
    "Marketing",  "Internal Tools", "Evaluation", "Mobile",       "Partners"};
constexpr std::array<std::string_view, 8> kColors = {"#6C5BB9", "#D97757", "#4C8BF5", "#2E9E6B",
                                                     "#C2410C", "#8B5CF6", "#0EA5E9", "#DB2777"};
constexpr std::array<std::string_view, 6> kKeyPurposes = {"backend",  "batch jobs", "ci",
                                                          "notebook", "chatbot",    "load test"};
// Role of user i (i > 0; user 0 is the admin).
constexpr std::array<std::string_view, 5> kRoles = {"developer", "user", "developer", "billing", "claude_code_user"};
constexpr std::array<std::string_view, 3> kWorkspaceRoles = {"workspace_developer", "workspace_user",
                                                             "workspace_admin"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Snapshot GenerateSnapshot(const GenerateOptions& options) {
  Snapshot s;
  s.seed = options.seed;
  SplitMix64 rng(options.seed);
  // Generated objects are dated from a fixed day onwards, so the data is the same on every run.
  const Micros base = *ParseRfc3339("2024-11-04T09:00:00Z");
  Micros clock = base;
  auto tick = [&](Micros hours) {
    clock += hours * 3600 * kMicrosPerSecond + static_cast<Micros>(rng.Below(3'600'000'000ULL));
    return clock;
  };

  s.organization.id = MintUuid(rng);
  s.organization.name = "Emulated Organization";
  s.default_workspace_id = MintId("wrkspc", rng);

  int users = std::max(1, options.users);
  for (int i = 0; i < users; ++i) {
    UserRecord u;
    u.id = MintId("user", rng);
    auto first = kFirstNames[static_cast<std::size_t>(i) % kFirstNames.size()];
    auto last = kLastNames[static_cast<std::size_t>(i * 5 + 3) % kLastNames.size()];
    u.name = std::string(first) + " " + std::string(last);
    u.email = Lower(first) + "." + Lower(last);
    if (i >= static_cast<int>(kFirstNames.size())) u.email += std::to_string(i);
    u.email += "@example.com";
    u.role = i == 0 ? "admin" : std::string(kRoles[static_cast<std::size_t>(i - 1) % kRoles.size()]);
    u.added_at = tick(20);
    u.seq = s.next_seq++;
    s.users.push_back(std::move(u));
  }

  for (int i = 0; i < std::max(0, options.workspaces); ++i) {
    WorkspaceRecord w;
    w.id = MintId("wrkspc", rng);
    w.name = std::string(kWorkspaceNames[static_cast<std::size_t>(i) % kWorkspaceNames.size()]);
    if (i >= static_cast<int>(kWorkspaceNames.size())) w.name += " " + std::to_string(i / kWorkspaceNames.size() + 1);
    w.display_color = std::string(kColors[static_cast<std::size_t>(i) % kColors.size()]);
    w.created_at = tick(30);
    w.compartment_id = MintUuid(rng);
    if (i == 0) w.tags = {{"env", "prod"}};
    w.seq = s.next_seq++;
    s.workspaces.push_back(std::move(w));
  }

  // Users who need explicit membership (not admin/billing) join one or two workspaces.
  if (!s.workspaces.empty()) {
    for (std::size_t i = 1; i < s.users.size(); ++i) {
      const auto& u = s.users[i];
      if (u.role == "admin" || u.role == "billing") continue;
      std::size_t first = i % s.workspaces.size();
      s.members.push_back(
          {s.workspaces[first].id, u.id, std::string(kWorkspaceRoles[i % kWorkspaceRoles.size()]), s.next_seq++});
      if (s.workspaces.size() > 1 && i % 2 == 1) {
        std::size_t second = (i + 1) % s.workspaces.size();
        s.members.push_back({s.workspaces[second].id, u.id, "workspace_user", s.next_seq++});
      }
    }
  }

  // Key creators: the admin and the developers.
  std::vector<std::string> creators;
  for (const auto& u : s.users) {
    if (u.role == "admin" || u.role == "developer") creators.push_back(u.id);
  }
  for (int i = 0; i < std::max(0, options.api_keys); ++i) {
    ApiKeyRecord k;
    k.id = MintId("apikey", rng);
    k.value = MintKeyValue(rng);
    std::size_t slot = static_cast<std::size_t>(i) % (s.workspaces.size() + 1);  // 0 = Default Workspace
    if (slot > 0) k.workspace_id = s.workspaces[slot - 1].id;
    std::string where = slot > 0 ? s.workspaces[slot - 1].name : "Default";
    k.name = where + " " + std::string(kKeyPurposes[static_cast<std::size_t>(i) % kKeyPurposes.size()]) + " key";
    k.status = i % 7 == 6 ? "archived" : i % 4 == 3 ? "inactive" : "active";
    k.created_by = creators[static_cast<std::size_t>(i) % creators.size()];
    k.created_at = tick(9);
    k.seq = s.next_seq++;
    s.api_keys.push_back(std::move(k));
  }

  // Invites: one accepted (the newest user, when there is more than the admin), one that
  // expired long ago, one pending (relative to `now` so that it is still pending).
  if (s.users.size() > 1) {
    const auto& u = s.users.back();
    InviteRecord accepted{MintId("invite", rng),           u.email,    u.role,     u.added_at - kMicrosPerDay,
                          u.added_at + 20 * kMicrosPerDay, "accepted", u.added_at, s.next_seq++};
    s.invites.push_back(std::move(accepted));
  }
  Micros expired_at = tick(5);
  s.invites.push_back(InviteRecord{MintId("invite", rng), "former.contractor@example.com", "developer", expired_at,
                                   expired_at + 21 * kMicrosPerDay, "pending", std::nullopt, s.next_seq++});
  Micros pending_at = options.now > 0 ? options.now - kMicrosPerDay : tick(5);
  s.invites.push_back(InviteRecord{MintId("invite", rng), "new.hire@example.com", "user", pending_at,
                                   pending_at + 21 * kMicrosPerDay, "pending", std::nullopt, s.next_seq++});
  return s;
}

}  // namespace portal::emulator
