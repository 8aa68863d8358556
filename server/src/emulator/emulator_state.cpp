#include "emulator/emulator_state.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "core/log.hpp"
#include "emulator/emulator_json.hpp"
#include "emulator/emulator_limits.hpp"
#include "emulator/emulator_random.hpp"

namespace portal::emulator {
namespace {

constexpr int kMaxActiveWorkspaces = 100;
constexpr Micros kInviteLifetime = 21 * kMicrosPerDay;

// Roles the API may assign (docs §5.1: classic set plus the current "managed"; never "admin").
constexpr std::array<std::string_view, 5> kAssignableOrgRoles = {"user", "developer", "billing", "claude_code_user",
                                                                 "managed"};
// Workspace roles that may be given on add/update (workspace_billing is only ever inherited).
constexpr std::array<std::string_view, 4> kAssignableWorkspaceRoles = {
    "workspace_user", "workspace_developer", "workspace_admin", "workspace_restricted_developer"};

template <std::size_t N>
bool OneOf(std::string_view value, const std::array<std::string_view, N>& options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Error NotFound(std::string_view what, const std::string& id) {
  return Error::NotFound(std::string(what) + " not found: " + id);
}

bool ImplicitMember(const UserRecord& user) { return user.role == "admin" || user.role == "billing"; }

// Cursor pagination over `items` (already filtered, in list order = newest first, i.e. seq
// descending; pointers, so that only the page is copied). `cursor_seq` resolves a cursor id to
// its position or nullopt when unknown.
template <typename T, typename IdOf>
Result<Page<T>> Paginate(const std::vector<const T*>& items, const PageRequest& request, IdOf id_of,
                         const std::function<std::optional<std::uint64_t>(const std::string&)>& cursor_seq) {
  if (request.limit < 1 || request.limit > 1000) {
    return Fail(Error::InvalidArgument("limit: must be between 1 and 1000"));
  }
  if (request.before_id && request.after_id) {
    return Fail(Error::InvalidArgument("before_id and after_id cannot be used together"));
  }
  auto limit = static_cast<std::size_t>(request.limit);
  // [begin, end) of the page within `items`.
  std::size_t begin = 0, end = 0;
  Page<T> page;
  if (request.before_id) {
    auto seq = cursor_seq(*request.before_id);
    if (!seq) return Fail(Error::InvalidArgument("before_id: unknown id " + *request.before_id));
    // Items newer than the cursor come first; the page is the `limit` closest to the cursor.
    end = static_cast<std::size_t>(
        std::find_if(items.begin(), items.end(), [&](const T* t) { return t->seq <= *seq; }) - items.begin());
    begin = end > limit ? end - limit : 0;
    page.has_more = begin > 0;
  } else {
    if (request.after_id) {
      auto seq = cursor_seq(*request.after_id);
      if (!seq) return Fail(Error::InvalidArgument("after_id: unknown id " + *request.after_id));
      begin = static_cast<std::size_t>(
          std::find_if(items.begin(), items.end(), [&](const T* t) { return t->seq < *seq; }) - items.begin());
    }
    end = std::min(items.size(), begin + limit);
    page.has_more = end < items.size();
  }
  for (std::size_t i = begin; i < end; ++i) page.data.push_back(*items[i]);
  if (!page.data.empty()) {
    page.first_id = id_of(page.data.front());
    page.last_id = id_of(page.data.back());
  }
  return page;
}

template <typename T, typename Keep>
std::vector<const T*> NewestFirst(const std::vector<T>& all, Keep keep) {
  std::vector<const T*> out;
  for (auto it = all.rbegin(); it != all.rend(); ++it) {
    if (keep(*it)) out.push_back(&*it);
  }
  return out;
}

}  // namespace

bool IsValidDisplayColor(std::string_view color) {
  if (color.size() != 7 || color[0] != '#') return false;
  return std::all_of(color.begin() + 1, color.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

bool LooksLikeEmail(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at != email.rfind('@')) return false;
  auto domain = email.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::size_t Utf8Length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

InviteRecord EffectiveInvite(const InviteRecord& invite, Micros now) {
  InviteRecord out = invite;
  if (out.status == "pending" && now >= out.expires_at) out.status = "expired";
  return out;
}

EmulatorState::EmulatorState(Snapshot snapshot, const Clock& clock, std::string state_file)
    : data_(std::move(snapshot)), clock_(clock), state_file_(std::move(state_file)) {}

Micros EmulatorState::Now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(clock_.Now().time_since_epoch()).count();
}

Snapshot EmulatorState::Copy() const {
  std::lock_guard lock(mutex_);
  return data_;
}

std::uint64_t EmulatorState::Version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

Organization EmulatorState::Me() const {
  std::lock_guard lock(mutex_);
  return data_.organization;
}

std::string EmulatorState::NewId(std::string_view prefix) {
  // Derived from the seed and the sequence number, so a replayed session mints the same ids.
  SplitMix64 rng(Mix(data_.seed, data_.next_seq) ^ HashText(prefix));
  return MintId(prefix, rng);
}

Status EmulatorState::Save() const {
  std::lock_guard lock(mutex_);
  return SaveLocked();
}

Status EmulatorState::SaveLocked() const {
  if (state_file_.empty()) return {};
  namespace fs = std::filesystem;
  std::string temp = state_file_ + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Fail(Error::Internal("cannot write " + temp));
    // The file holds the full key values: owner-only, like a credentials file.
    std::error_code perm_ec;
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, perm_ec);
    out << SnapshotToJsonText(data_);
    out.flush();
    if (!out) return Fail(Error::Internal("cannot write " + temp));
  }
  std::error_code ec;
  fs::rename(temp, state_file_, ec);
  if (ec) return Fail(Error::Internal("cannot rename " + temp + ": " + ec.message()));
  return {};
}

void EmulatorState::Changed() {
  ++version_;
  // A failed save is logged, not returned: the change itself succeeded in memory.
  auto saved = SaveLocked();
  if (!saved) log::Error("emulator_state_save_failed", {{"file", state_file_}, {"detail", saved.error().detail}});
}

// ---------------------------------------------------------------- users

Result<Page<UserRecord>> EmulatorState::ListUsers(const PageRequest& page, const UserFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::optional<std::string> email = filter.email ? std::optional(Lower(*filter.email)) : std::nullopt;
  auto items = NewestFirst(data_.users, [&](const UserRecord& u) {
    if (email && Lower(u.email) != *email) return false;
    if (!filter.roles.empty() && std::find(filter.roles.begin(), filter.roles.end(), u.role) == filter.roles.end()) {
      return false;
    }
    return true;
  });
  auto cursor = [&](const std::string& id) -> std::optional<std::uint64_t> {
    for (const auto& u : data_.users) {
      if (u.id == id) return u.seq;
    }
    auto it = data_.tombstones.find("users/" + id);
    return it == data_.tombstones.end() ? std::nullopt : std::optional(it->second);
  };
  return Paginate(
      items, page, [](const UserRecord& u) { return u.id; }, cursor);
}

Result<UserRecord> EmulatorState::GetUser(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& u : data_.users) {
    if (u.id == id) return u;
  }
  return Fail(NotFound("user", id));
}

Result<UserRecord> EmulatorState::UpdateUser(const std::string& id, const std::string& role) {
  if (role == "admin") return Fail(Error::InvalidArgument("role: \"admin\" cannot be assigned through the API"));
  if (!OneOf(role, kAssignableOrgRoles)) return Fail(Error::InvalidArgument("role: invalid value \"" + role + "\""));
  std::lock_guard lock(mutex_);
  for (auto& u : data_.users) {
    if (u.id != id) continue;
    u.role = role;
    // Org admin/billing members are implicit members everywhere; explicit rows of a user who
    // now holds such a role would be shadowed, so they are left as they are (Console behaviour).
    Changed();
    return u;
  }
  return Fail(NotFound("user", id));
}

Status EmulatorState::DeleteUser(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(data_.users.begin(), data_.users.end(), [&](const UserRecord& u) { return u.id == id; });
  if (it == data_.users.end()) return Fail(NotFound("user", id));
  if (data_.users.size() == 1) {
    return Fail(Error::InvalidArgument("the organization's only member cannot be removed")
                    .WithApiCode("cannot_remove_last_member"));
  }
  if (it->role == "admin") {
    return Fail(Error::InvalidArgument("organization members with the admin role cannot be removed via the API"));
  }
  data_.tombstones["users/" + id] = it->seq;
  data_.users.erase(it);
  std::erase_if(data_.members, [&](const MemberRecord& m) {
    if (m.user_id != id) return false;
    data_.tombstones["members/" + m.workspace_id + "/" + m.user_id] = m.seq;
    return true;
  });
  // API keys persist: they belong to the organization, not to the user (docs §6.2.4).
  Changed();
  return {};
}

// ---------------------------------------------------------------- invites

Result<InviteRecord> EmulatorState::CreateInvite(const std::string& email, const std::string& role) {
  if (!LooksLikeEmail(email)) return Fail(Error::InvalidArgument("email: not a valid email address"));
  if (role == "admin") return Fail(Error::InvalidArgument("role: \"admin\" cannot be assigned through the API"));
  if (!OneOf(role, kAssignableOrgRoles)) return Fail(Error::InvalidArgument("role: invalid value \"" + role + "\""));
  std::lock_guard lock(mutex_);
  Micros now = Now();
  auto wanted = Lower(email);
  for (const auto& u : data_.users) {
    if (Lower(u.email) == wanted) {
      return Fail(Error::InvalidArgument(email + " is already a member of the organization (" + u.id + ")")
                      .WithApiCode("already_member"));
    }
  }
  for (const auto& i : data_.invites) {
    if (Lower(i.email) == wanted && EffectiveInvite(i, now).status == "pending") {
      return Fail(Error::InvalidArgument("a pending invite for " + email + " already exists (" + i.id + ")")
                      .WithApiCode("invite_already_exists"));
    }
  }
  InviteRecord invite;
  invite.id = NewId("invite");
  invite.email = email;
  invite.role = role;
  invite.invited_at = now;
  invite.expires_at = now + kInviteLifetime;
  invite.status = "pending";
  invite.seq = data_.next_seq++;
  data_.invites.push_back(invite);
  Changed();
  return invite;
}

Result<Page<InviteRecord>> EmulatorState::ListInvites(const PageRequest& page) const {
  std::lock_guard lock(mutex_);
  Micros now = Now();
  std::vector<InviteRecord> effective;
  effective.reserve(data_.invites.size());
  for (const auto& invite : data_.invites) effective.push_back(EffectiveInvite(invite, now));
  auto items = NewestFirst(effective, [](const InviteRecord& i) { return i.status != "deleted"; });
  auto cursor = [&](const std::string& id) -> std::optional<std::uint64_t> {
    for (const auto& i : data_.invites) {
      if (i.id == id) return i.seq;
    }
    return std::nullopt;
  };
  return Paginate(
      items, page, [](const InviteRecord& i) { return i.id; }, cursor);
}

Result<InviteRecord> EmulatorState::GetInvite(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& i : data_.invites) {
    if (i.id == id) return EffectiveInvite(i, Now());
  }
  return Fail(NotFound("invite", id));
}

Status EmulatorState::DeleteInvite(const std::string& id) {
  std::lock_guard lock(mutex_);
  for (auto& i : data_.invites) {
    if (i.id != id) continue;
    if (i.status == "accepted") return Fail(Error::InvalidArgument("an accepted invite cannot be deleted"));
    if (i.status == "deleted") return Fail(Error::InvalidArgument("the invite has already been deleted"));
    i.status = "deleted";  // kept (GET shows it as deleted), no longer listed
    Changed();
    return {};
  }
  return Fail(NotFound("invite", id));
}

// ---------------------------------------------------------------- workspaces

const WorkspaceRecord* EmulatorState::FindWorkspaceLocked(const std::string& id) const {
  for (const auto& w : data_.workspaces) {
    if (w.id == id) return &w;
  }
  return nullptr;
}

WorkspaceRecord EmulatorState::DefaultWorkspaceLocked() const {
  WorkspaceRecord w;
  w.id = data_.default_workspace_id;
  w.name = "Default";
  w.display_color = "#6C5BB9";
  w.created_at = data_.users.empty() ? 0 : data_.users.front().added_at;
  SplitMix64 rng(Mix(data_.seed, HashText(w.id)));
  w.compartment_id = MintUuid(rng);
  return w;
}

namespace {

// The emulated organization knows no user profiles beyond the documented id shape.
Status ValidateUserProfile(const std::string& id) {
  if (!id.starts_with("uprof_") || id.size() < 8) {
    return Fail(
        Error::InvalidArgument("user_profile_id: user profile not found: " + id).WithApiCode("user_profile_not_found"));
  }
  return {};
}

Status ValidateName(std::string_view name) {
  auto length = Utf8Length(name);
  if (length < 1 || length > 40) return Fail(Error::InvalidArgument("name: must be between 1 and 40 characters"));
  return {};
}

Status ValidateTags(const std::vector<std::string>& keys) {
  for (const auto& key : keys) {
    if (key.empty()) return Fail(Error::InvalidArgument("tags: keys must not be empty"));
    if (Lower(key).starts_with("anthropic")) {
      return Fail(Error::InvalidArgument("tags: keys may not begin with \"anthropic\""));
    }
  }
  return {};
}

Status ValidateResidency(const DataResidency& r) {
  if (r.default_inference_geo != "global" && r.default_inference_geo != "us") {
    return Fail(Error::InvalidArgument("data_residency.default_inference_geo: must be \"global\" or \"us\""));
  }
  if (r.workspace_geo != "us") return Fail(Error::InvalidArgument("data_residency.workspace_geo: must be \"us\""));
  if (!r.unrestricted) {
    for (const auto& geo : r.allowed_inference_geos) {
      if (geo != "global" && geo != "us") {
        return Fail(Error::InvalidArgument("data_residency.allowed_inference_geos: invalid value \"" + geo + "\""));
      }
    }
    if (std::find(r.allowed_inference_geos.begin(), r.allowed_inference_geos.end(), r.default_inference_geo) ==
        r.allowed_inference_geos.end()) {
      return Fail(
          Error::InvalidArgument("data_residency.default_inference_geo: must be one of allowed_inference_geos"));
    }
  }
  return {};
}

constexpr std::array<std::string_view, 8> kPalette = {"#6C5BB9", "#D97757", "#4C8BF5", "#2E9E6B",
                                                      "#C2410C", "#8B5CF6", "#0EA5E9", "#DB2777"};

}  // namespace

Result<WorkspaceRecord> EmulatorState::CreateWorkspace(const WorkspaceCreate& input) {
  if (auto ok = ValidateName(input.name); !ok) return Fail(ok.error());
  if (input.display_color && !IsValidDisplayColor(*input.display_color)) {
    return Fail(Error::InvalidArgument("display_color: must match ^#[0-9A-Fa-f]{6}$"));
  }
  std::vector<std::string> keys;
  keys.reserve(input.tags.size());
  for (const auto& [k, v] : input.tags) keys.push_back(k);
  if (auto ok = ValidateTags(keys); !ok) return Fail(ok.error());
  if (input.data_residency) {
    if (auto ok = ValidateResidency(*input.data_residency); !ok) return Fail(ok.error());
  }
  if (input.user_profile_id) {
    if (auto ok = ValidateUserProfile(*input.user_profile_id); !ok) return Fail(ok.error());
  }
  std::lock_guard lock(mutex_);
  auto active = std::count_if(data_.workspaces.begin(), data_.workspaces.end(),
                              [](const WorkspaceRecord& w) { return !w.archived_at; });
  if (active >= kMaxActiveWorkspaces) {
    return Fail(Error::InvalidArgument("the organization already has the maximum of 100 active workspaces")
                    .WithApiCode("workspace_limit_exceeded"));
  }
  WorkspaceRecord w;
  w.id = NewId("wrkspc");
  w.name = input.name;
  w.display_color =
      input.display_color ? *input.display_color : std::string(kPalette[data_.next_seq % kPalette.size()]);
  w.created_at = Now();
  w.tags = input.tags;
  if (input.data_residency) w.data_residency = *input.data_residency;
  w.user_profile_id = input.user_profile_id;
  SplitMix64 rng(Mix(data_.seed, HashText(w.id)));
  w.compartment_id = MintUuid(rng);
  w.seq = data_.next_seq++;
  data_.workspaces.push_back(w);
  Changed();
  return w;
}

Result<Page<WorkspaceRecord>> EmulatorState::ListWorkspaces(const PageRequest& page,
                                                            const WorkspaceListOptions& options) const {
  if (options.ids.size() > 100) return Fail(Error::InvalidArgument("ids: at most 100 workspace ids"));
  std::lock_guard lock(mutex_);
  auto wanted = [&](const std::string& id) {
    return options.ids.empty() || std::find(options.ids.begin(), options.ids.end(), id) != options.ids.end();
  };
  auto items = NewestFirst(data_.workspaces, [&](const WorkspaceRecord& w) {
    return (options.include_archived || !w.archived_at) && wanted(w.id);
  });
  // The Default Workspace is the oldest (position 0), so it comes last.
  WorkspaceRecord default_workspace = DefaultWorkspaceLocked();
  if (options.include_default && wanted(default_workspace.id)) items.push_back(&default_workspace);
  auto cursor = [&](const std::string& id) -> std::optional<std::uint64_t> {
    if (id == data_.default_workspace_id) return std::uint64_t{0};
    const auto* w = FindWorkspaceLocked(id);
    return w ? std::optional(w->seq) : std::nullopt;
  };
  return Paginate(
      items, page, [](const WorkspaceRecord& w) { return w.id; }, cursor);
}

Result<WorkspaceRecord> EmulatorState::GetWorkspace(const std::string& id) const {
  std::lock_guard lock(mutex_);
  if (id == data_.default_workspace_id) return DefaultWorkspaceLocked();
  if (const auto* w = FindWorkspaceLocked(id)) return *w;
  return Fail(NotFound("workspace", id));
}

Result<WorkspaceRecord> EmulatorState::UpdateWorkspace(const std::string& id, const WorkspaceUpdate& input) {
  if (input.name) {
    if (auto ok = ValidateName(*input.name); !ok) return Fail(ok.error());
  }
  if (input.display_color && !IsValidDisplayColor(*input.display_color)) {
    return Fail(Error::InvalidArgument("display_color: must match ^#[0-9A-Fa-f]{6}$"));
  }
  std::vector<std::string> keys;
  keys.reserve(input.tags.size());
  for (const auto& [k, v] : input.tags) keys.push_back(k);
  if (auto ok = ValidateTags(keys); !ok) return Fail(ok.error());
  if (input.user_profile_id) {
    if (auto ok = ValidateUserProfile(*input.user_profile_id); !ok) return Fail(ok.error());
  }
  std::lock_guard lock(mutex_);
  if (id == data_.default_workspace_id) {
    return Fail(Error::InvalidArgument("the Default Workspace cannot be edited"));
  }
  for (auto& w : data_.workspaces) {
    if (w.id != id) continue;
    if (w.archived_at) return Fail(Error::InvalidArgument("an archived workspace cannot be updated"));
    if (input.user_profile_id && w.user_profile_id && *w.user_profile_id != *input.user_profile_id) {
      return Fail(Error::InvalidArgument("user_profile_id: a workspace's user profile cannot be replaced")
                      .WithField("user_profile_id"));
    }
    if (input.user_profile_id) w.user_profile_id = input.user_profile_id;
    if (input.allowed_inference_geos || input.default_inference_geo) {
      DataResidency next = w.data_residency;
      if (input.allowed_inference_geos) {
        next.unrestricted = input.allowed_inference_geos->unrestricted;
        next.allowed_inference_geos = input.allowed_inference_geos->allowed_inference_geos;
      }
      if (input.default_inference_geo) next.default_inference_geo = *input.default_inference_geo;
      if (auto ok = ValidateResidency(next); !ok) return Fail(ok.error());
      w.data_residency = next;
    }
    if (input.name) w.name = *input.name;
    if (input.display_color) w.display_color = *input.display_color;
    for (const auto& [key, value] : input.tags) {
      if (value) {
        w.tags[key] = *value;
      } else {
        w.tags.erase(key);
      }
    }
    Changed();
    return w;
  }
  return Fail(NotFound("workspace", id));
}

Result<WorkspaceRecord> EmulatorState::ArchiveWorkspace(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (id == data_.default_workspace_id) {
    return Fail(Error::InvalidArgument("the Default Workspace cannot be archived"));
  }
  for (auto& w : data_.workspaces) {
    if (w.id != id) continue;
    if (w.archived_at) return w;  // idempotent: keeps the original archived_at
    w.archived_at = Now();
    for (auto& key : data_.api_keys) {
      if (key.workspace_id == id) key.status = "archived";
    }
    Changed();
    return w;
  }
  return Fail(NotFound("workspace", id));
}

// ---------------------------------------------------------------- members

Result<MemberRecord> EmulatorState::AddMember(const std::string& workspace_id, const std::string& user_id,
                                              const std::string& role) {
  if (role == "workspace_billing") {
    return Fail(Error::InvalidArgument("workspace_role: \"workspace_billing\" cannot be assigned"));
  }
  if (!OneOf(role, kAssignableWorkspaceRoles)) {
    return Fail(Error::InvalidArgument("workspace_role: invalid value \"" + role + "\""));
  }
  std::lock_guard lock(mutex_);
  if (workspace_id == data_.default_workspace_id) {
    return Fail(Error::InvalidArgument("the Default Workspace has no member list"));
  }
  const auto* w = FindWorkspaceLocked(workspace_id);
  if (!w) return Fail(NotFound("workspace", workspace_id));
  if (w->archived_at) return Fail(Error::InvalidArgument("the workspace is archived"));
  auto user =
      std::find_if(data_.users.begin(), data_.users.end(), [&](const UserRecord& u) { return u.id == user_id; });
  if (user == data_.users.end()) {
    return Fail(Error::InvalidArgument("user_id: " + user_id + " is not a member of the organization"));
  }
  if (ImplicitMember(*user)) {
    return Fail(
        Error::InvalidArgument("organization " + user->role + " members are implicit members of every workspace"));
  }
  for (const auto& m : data_.members) {
    if (m.workspace_id == workspace_id && m.user_id == user_id) {
      return Fail(Error::InvalidArgument("the user is already a member of this workspace"));
    }
  }
  MemberRecord member{workspace_id, user_id, role, data_.next_seq++};
  data_.members.push_back(member);
  Changed();
  return member;
}

Result<Page<MemberRecord>> EmulatorState::ListMembers(const std::string& workspace_id, const PageRequest& page) const {
  std::lock_guard lock(mutex_);
  if (workspace_id == data_.default_workspace_id) {
    return Fail(Error::InvalidArgument("the Default Workspace has no member list"));
  }
  if (!FindWorkspaceLocked(workspace_id)) return Fail(NotFound("workspace", workspace_id));
  auto items = NewestFirst(data_.members, [&](const MemberRecord& m) { return m.workspace_id == workspace_id; });
  auto cursor = [&](const std::string& user_id) -> std::optional<std::uint64_t> {
    for (const auto& m : data_.members) {
      if (m.workspace_id == workspace_id && m.user_id == user_id) return m.seq;
    }
    auto it = data_.tombstones.find("members/" + workspace_id + "/" + user_id);
    return it == data_.tombstones.end() ? std::nullopt : std::optional(it->second);
  };
  return Paginate(
      items, page, [](const MemberRecord& m) { return m.user_id; }, cursor);
}

Result<MemberRecord> EmulatorState::GetMember(const std::string& workspace_id, const std::string& user_id) const {
  std::lock_guard lock(mutex_);
  if (!FindWorkspaceLocked(workspace_id)) return Fail(NotFound("workspace", workspace_id));
  for (const auto& m : data_.members) {
    if (m.workspace_id == workspace_id && m.user_id == user_id) return m;
  }
  return Fail(NotFound("workspace member", user_id));
}

Result<MemberRecord> EmulatorState::UpdateMember(const std::string& workspace_id, const std::string& user_id,
                                                 const std::string& role) {
  if (role == "workspace_billing") {
    return Fail(Error::InvalidArgument("workspace_role: \"workspace_billing\" cannot be assigned"));
  }
  if (!OneOf(role, kAssignableWorkspaceRoles)) {
    return Fail(Error::InvalidArgument("workspace_role: invalid value \"" + role + "\""));
  }
  std::lock_guard lock(mutex_);
  const auto* w = FindWorkspaceLocked(workspace_id);
  if (!w) return Fail(NotFound("workspace", workspace_id));
  if (w->archived_at) return Fail(Error::InvalidArgument("the workspace is archived"));
  for (auto& m : data_.members) {
    if (m.workspace_id != workspace_id || m.user_id != user_id) continue;
    m.workspace_role = role;
    Changed();
    return m;
  }
  return Fail(NotFound("workspace member", user_id));
}

Status EmulatorState::RemoveMember(const std::string& workspace_id, const std::string& user_id) {
  std::lock_guard lock(mutex_);
  if (!FindWorkspaceLocked(workspace_id)) return Fail(NotFound("workspace", workspace_id));
  auto it = std::find_if(data_.members.begin(), data_.members.end(),
                         [&](const MemberRecord& m) { return m.workspace_id == workspace_id && m.user_id == user_id; });
  if (it == data_.members.end()) return Fail(NotFound("workspace member", user_id));
  data_.tombstones["members/" + workspace_id + "/" + user_id] = it->seq;
  data_.members.erase(it);
  Changed();
  return {};
}

// ---------------------------------------------------------------- API keys

Result<Page<ApiKeyRecord>> EmulatorState::ListApiKeys(const PageRequest& page, const ApiKeyFilter& filter) const {
  if (filter.status && *filter.status != "active" && *filter.status != "inactive" && *filter.status != "archived" &&
      *filter.status != "expired") {
    return Fail(Error::InvalidArgument("status: invalid value \"" + *filter.status + "\""));
  }
  std::lock_guard lock(mutex_);
  auto items = NewestFirst(data_.api_keys, [&](const ApiKeyRecord& k) {
    if (filter.status && k.status != *filter.status) return false;
    if (filter.workspace_id) {
      if (*filter.workspace_id == data_.default_workspace_id) {
        if (k.workspace_id) return false;
      } else if (k.workspace_id != *filter.workspace_id) {
        return false;
      }
    }
    if (filter.created_by_user_id && k.created_by != *filter.created_by_user_id) return false;
    return true;
  });
  auto cursor = [&](const std::string& id) -> std::optional<std::uint64_t> {
    for (const auto& k : data_.api_keys) {
      if (k.id == id) return k.seq;
    }
    return std::nullopt;
  };
  return Paginate(
      items, page, [](const ApiKeyRecord& k) { return k.id; }, cursor);
}

Result<ApiKeyRecord> EmulatorState::GetApiKey(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& k : data_.api_keys) {
    if (k.id == id) return k;
  }
  return Fail(NotFound("API key", id));
}

Result<ApiKeyRecord> EmulatorState::UpdateApiKey(const std::string& id, const ApiKeyUpdate& input) {
  if (input.name) {
    auto length = Utf8Length(*input.name);
    if (length < 1 || length > 500) return Fail(Error::InvalidArgument("name: must be between 1 and 500 characters"));
  }
  if (input.status && *input.status != "active" && *input.status != "inactive" && *input.status != "archived") {
    return Fail(Error::InvalidArgument("status: must be one of active, inactive, archived"));
  }
  std::lock_guard lock(mutex_);
  for (auto& k : data_.api_keys) {
    if (k.id != id) continue;
    if (k.status == "archived" && (input.name || input.status)) {
      return Fail(Error::InvalidArgument("an archived API key cannot be changed"));
    }
    if (input.status == "active" && k.status != "active") {
      if (auto ok = CheckActiveKeyLimitsLocked(k); !ok) return Fail(ok.error());
    }
    if (input.name) k.name = *input.name;
    if (input.status) k.status = *input.status;
    if (input.name || input.status) Changed();
    return k;
  }
  return Fail(NotFound("API key", id));
}

Status EmulatorState::CheckActiveKeyLimitsLocked(const ApiKeyRecord& key) const {
  const auto& settings = data_.settings;
  auto active = [&](auto keep) {
    return std::count_if(data_.api_keys.begin(), data_.api_keys.end(),
                         [&](const ApiKeyRecord& k) { return k.status == "active" && keep(k); });
  };
  if (settings.org_active_api_keys_limit > 0 &&
      active([](const ApiKeyRecord&) { return true; }) >= settings.org_active_api_keys_limit) {
    return Fail(Error::InvalidArgument("the organization already has the maximum of " +
                                       std::to_string(settings.org_active_api_keys_limit) + " active API keys")
                    .WithApiCode("org_api_key_limit_exceeded"));
  }
  if (settings.workspace_active_api_keys_limit > 0 && active([&](const ApiKeyRecord& k) {
                                                        return k.workspace_id == key.workspace_id;
                                                      }) >= settings.workspace_active_api_keys_limit) {
    return Fail(Error::InvalidArgument("the workspace already has the maximum of " +
                                       std::to_string(settings.workspace_active_api_keys_limit) + " active API keys")
                    .WithApiCode("workspace_api_key_limit_exceeded"));
  }
  return {};
}

// ---------------------------------------------------------------- rate limits

Status EmulatorState::SetWorkspaceRateLimits(const std::string& workspace_id, const std::string& rate_limit_id,
                                             const std::vector<RateLimitChange>& changes) {
  for (const auto& [type, value] : changes) {
    if (!IsWorkspaceLimiterType(type)) {
      return Fail(Error::InvalidArgument("limits.type: unknown limiter type \"" + type + "\"").WithField("limits"));
    }
    if (value && *value < 0) return Fail(Error::InvalidArgument("limits.value: must be >= 0").WithField("limits"));
  }
  std::lock_guard lock(mutex_);
  if (workspace_id == data_.default_workspace_id) {
    return Fail(Error::InvalidArgument("the Default Workspace cannot have rate-limit overrides"));
  }
  const auto* workspace = FindWorkspaceLocked(workspace_id);
  if (!workspace) return Fail(NotFound("workspace", workspace_id));
  if (workspace->archived_at) return Fail(Error::InvalidArgument("an archived workspace cannot be updated"));
  auto catalogue = OrganizationRateLimits(data_.organization);
  if (!FindRateLimit(catalogue, rate_limit_id)) return Fail(NotFound("rate limit", rate_limit_id));
  auto& group = data_.rate_limit_overrides[workspace_id][rate_limit_id];
  for (const auto& [type, value] : changes) {
    if (value) {
      group[type] = *value;
    } else {
      group.erase(type);
    }
  }
  if (group.empty()) data_.rate_limit_overrides[workspace_id].erase(rate_limit_id);
  if (data_.rate_limit_overrides[workspace_id].empty()) data_.rate_limit_overrides.erase(workspace_id);
  Changed();
  return {};
}

// ---------------------------------------------------------------- spend limits

Status EmulatorState::SpendLimitsEnabledLocked() const {
  if (data_.settings.spend_limits_enabled) return {};
  return Fail(Error{ErrorCode::kForbidden,
                    "The Admin API for spend limits is not enabled for this organization; manage spend limits in the "
                    "Console"}
                  .WithApiCode("spend_limits_admin_api_writes_not_enabled"));
}

Result<std::vector<SpendLimitRecord>> EmulatorState::ListSpendLimits(const SpendLimitFilter& filter) const {
  std::lock_guard lock(mutex_);
  if (auto ok = SpendLimitsEnabledLocked(); !ok) return Fail(ok.error());
  std::vector<SpendLimitRecord> out;
  for (auto it = data_.spend_limits.rbegin(); it != data_.spend_limits.rend(); ++it) {
    std::string type = it->workspace_id ? "workspace" : "organization";
    if (!filter.scope_types.empty() &&
        std::find(filter.scope_types.begin(), filter.scope_types.end(), type) == filter.scope_types.end()) {
      continue;
    }
    if (filter.workspace_id && it->workspace_id != filter.workspace_id) continue;
    out.push_back(*it);
  }
  return out;
}

Result<SpendLimitRecord> EmulatorState::GetSpendLimit(const std::string& id) const {
  std::lock_guard lock(mutex_);
  if (auto ok = SpendLimitsEnabledLocked(); !ok) return Fail(ok.error());
  for (const auto& l : data_.spend_limits) {
    if (l.id == id) return l;
  }
  return Fail(NotFound("spend limit", id));
}

Result<SpendLimitRecord> EmulatorState::SetSpendLimit(const std::optional<std::string>& workspace_id,
                                                      const std::string& period,
                                                      const std::optional<std::string>& amount) {
  std::lock_guard lock(mutex_);
  if (auto ok = SpendLimitsEnabledLocked(); !ok) return Fail(ok.error());
  if (period != "monthly") {
    return Fail(
        Error::InvalidArgument("period: Console organizations have monthly spend limits only").WithField("period"));
  }
  if (!amount) {
    return Fail(Error::InvalidArgument("amount: Console spend limits always carry an amount").WithField("amount"));
  }
  if (amount->empty() || amount->size() > 15 ||
      !std::all_of(amount->begin(), amount->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Fail(
        Error::InvalidArgument("amount: must be a non-negative integer in cents, as a string").WithField("amount"));
  }
  if (workspace_id) {
    if (*workspace_id == data_.default_workspace_id) {
      return Fail(Error::InvalidArgument("scope: the Default Workspace cannot have a spend limit").WithField("scope"));
    }
    const auto* workspace = FindWorkspaceLocked(*workspace_id);
    if (!workspace) return Fail(NotFound("workspace", *workspace_id));
    if (workspace->archived_at) return Fail(Error::InvalidArgument("an archived workspace cannot be updated"));
  }
  std::string canonical = amount->substr(std::min(amount->find_first_not_of('0'), amount->size() - 1));
  Micros now = Now();
  for (auto& l : data_.spend_limits) {
    if (l.workspace_id != workspace_id || l.period != period) continue;
    l.amount = canonical;
    l.updated_at = now;
    Changed();
    return l;
  }
  SpendLimitRecord l;
  l.id = NewId("spl");
  l.workspace_id = workspace_id;
  l.period = period;
  l.amount = canonical;
  l.created_at = l.updated_at = now;
  l.seq = data_.next_seq++;
  data_.spend_limits.push_back(l);
  Changed();
  return l;
}

Status EmulatorState::DeleteSpendLimit(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (auto ok = SpendLimitsEnabledLocked(); !ok) return Fail(ok.error());
  auto it = std::find_if(data_.spend_limits.begin(), data_.spend_limits.end(),
                         [&](const SpendLimitRecord& l) { return l.id == id; });
  if (it == data_.spend_limits.end()) return Fail(NotFound("spend limit", id));
  data_.spend_limits.erase(it);
  Changed();
  return {};
}

EmulatorSettings EmulatorState::Settings() const {
  std::lock_guard lock(mutex_);
  return data_.settings;
}

void EmulatorState::UpdateSettings(const EmulatorSettings& settings) {
  std::lock_guard lock(mutex_);
  data_.settings = settings;
  Changed();
}

std::optional<ApiKeyRecord> EmulatorState::FindApiKeyByValue(const std::string& value) const {
  std::lock_guard lock(mutex_);
  for (const auto& k : data_.api_keys) {
    if (k.value == value) return k;
  }
  return std::nullopt;
}

std::vector<ApiKeyRecord> EmulatorState::ApiKeys() const {
  std::lock_guard lock(mutex_);
  return data_.api_keys;
}

}  // namespace portal::emulator
