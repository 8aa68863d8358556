#pragma once
// JSON for the emulator: the Admin API's object shapes (docs §6; classic fields plus the
// additive current-generation ones), the list envelope (§3.1), and the state/seed file.
//
// State/seed file shape (a seed file may leave out anything but names/emails; see
// docs/anthropic.md "Emulator seed file"):
//   {"organization":{"id","name"}, "default_workspace_id", "seed", "next_seq",
//    "users":[{"id","email","name","role","added_at"}],
//    "workspaces":[{"id","name","display_color","created_at","archived_at","tags","data_residency"}],
//    "members":[{"workspace_id"|"workspace","user_id"|"user","workspace_role"}],
//    "api_keys":[{"id","name","value","workspace_id"|"workspace","status","created_by","created_at"}],
//    "invites":[{"id","email","role","invited_at","expires_at","status"}], "tombstones":{}}

#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "emulator/emulator_types.hpp"

namespace portal::emulator {

boost::json::object OrganizationJson(const Organization& org);
boost::json::object UserJson(const UserRecord& user);
boost::json::object InviteJson(const InviteRecord& invite);
boost::json::object WorkspaceJson(const WorkspaceRecord& workspace);
boost::json::object MemberJson(const MemberRecord& member);
// `default_workspace_id` fills the current-generation `scope` of Default Workspace keys.
// `current` = anthropic-version 2026-10-21: no `workspace_id` (the workspace is `scope.workspace_id`).
boost::json::object ApiKeyJson(const ApiKeyRecord& key, const std::string& default_workspace_id, bool current);

template <typename T, typename ToJson>
boost::json::object PageJson(const Page<T>& page, ToJson to_json) {
  boost::json::array data;
  for (const auto& item : page.data) data.push_back(to_json(item));
  boost::json::object out;
  out["data"] = std::move(data);
  out["has_more"] = page.has_more;
  out["first_id"] = page.first_id ? boost::json::value(*page.first_id) : boost::json::value(nullptr);
  out["last_id"] = page.last_id ? boost::json::value(*page.last_id) : boost::json::value(nullptr);
  return out;
}

// A `data_residency` request/seed object; absent parts keep their defaults.
Result<DataResidency> DataResidencyFromJson(const boost::json::value& value, const std::string& where);

// The complete state, pretty enough to read and diff (one object per line).
std::string SnapshotToJsonText(const Snapshot& snapshot);
// Reads a state file or a seed file; whatever is missing (ids, key values, times, statuses) is
// generated deterministically from `seed`. kInvalidArgument with the reason when malformed.
Result<Snapshot> SnapshotFromJsonText(std::string_view text, std::uint64_t seed);

}  // namespace portal::emulator
