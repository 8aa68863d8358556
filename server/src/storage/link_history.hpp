#pragma once
// The time ranges of two links that usage is attributed by: which user held an API key
// (key_holder_history) and which organization a workspace belonged to (workspace_link_history).
// Written by the user and workspace repositories in the same transaction as the change, so the
// history can never disagree with the tables.

#include <cstdint>
#include <optional>
#include <string>

#include "storage/sql_support.hpp"

namespace portal::storage {

// The user now holds `api_key_id` (nullopt = none) since `now`: closes the user's other open
// range and opens one for the key unless it is open already.
void RecordKeyHolder(Conn& conn, const std::string& user_id, const std::optional<std::string>& api_key_id,
                     std::int64_t now);
// The workspace now belongs to `organization_id` (nullopt = none) since `now`.
void RecordWorkspaceLink(Conn& conn, const std::string& workspace_id, const std::optional<std::string>& organization_id,
                         std::int64_t now);
// Every workspace of `organization_id` leaves it at `now`.
void CloseOrganizationLinks(Conn& conn, const std::string& organization_id, std::int64_t now);
// Wall-clock Unix ms, for the changes whose callers pass no time.
std::int64_t NowMillis();

}  // namespace portal::storage
