#pragma once
// The portal's entities. Every fact has one home (PRODUCT.md §2): a user points at a key, the
// key's secret lives only on the key; member counts are computed, never stored.
// Timestamps are Unix milliseconds (UTC).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::domain {

enum class Role { kSuperAdmin, kAdmin, kUser };
std::string_view ToString(Role role);  // "SuperAdmin" | "Admin" | "User"
std::optional<Role> ParseRole(std::string_view text);

enum class UserStatus { kActive, kDisabled };
std::string_view ToString(UserStatus status);  // "active" | "disabled"
std::optional<UserStatus> ParseUserStatus(std::string_view text);

struct Organization {
  std::string id;  // "org_…"
  std::string name;
  std::string description;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct User {
  std::string id;     // "usr_…"
  std::string email;  // stored normalised: trimmed, ASCII-lower-cased; unique
  std::string name;
  std::string password_hash;  // argon2id ("$argon2id$…") or imported bcrypt ("$2b$…")
  Role role = Role::kUser;
  std::optional<std::string> organization_id;  // null only for SuperAdmin
  std::optional<std::string> api_key_id;       // unique across users (issue 4)
  UserStatus status = UserStatus::kActive;
  std::optional<std::int64_t> last_login_at;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A login: the `sid` of access tokens and the family of its refresh tokens.
struct Session {
  std::string id;  // "ses_…"
  std::string user_id;
  std::string client;  // "web" | "cli"
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;  // the family ends 30 days after its last rotation at most
  std::optional<std::int64_t> revoked_at;
  std::string revoked_reason;  // "logout", "reuse", "user_disabled", "password_changed", …
};

struct RefreshToken {
  std::string token_hash;  // SHA-256 hex of the opaque token; the token itself is never stored
  std::string session_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> rotated_at;
};

struct AuditEvent {
  std::string id;  // "aud_…" (time-ordered)
  std::optional<std::string> actor_id;
  std::string action;       // "auth.login", "user.create", "session.reuse_detected", …
  std::string target_type;  // "user", "organization", "session", …
  std::string target_id;
  std::optional<std::string> organization_id;
  std::string request_id;
  std::string details_json = "{}";  // never a secret
  std::int64_t created_at = 0;
};

// Lists take a cursor (the last id seen, opaque to clients) and a limit (1–500).
struct ListParams {
  int limit = 50;
  std::optional<std::string> cursor;
};

// An Anthropic workspace as the portal knows it (synced; created/renamed through the Admin API).
struct WorkspaceRecord {
  std::string id;  // "wrkspc_…" (Anthropic's id)
  std::string name;
  std::string display_color;
  std::string created_at;                      // RFC 3339, as Anthropic sent it
  std::optional<std::string> archived_at;      // RFC 3339
  std::optional<std::string> organization_id;  // portal organization it is linked to
  std::int64_t synced_at = 0;
};

// An Anthropic API key as the portal knows it. The secret, once pasted, lives only here, sealed.
struct ApiKeyRecord {
  std::string id;  // "apikey_…" (Anthropic's id)
  std::string name;
  std::string status;                        // "active" | "inactive" | "archived" | "expired"
  std::string partial_key_hint;              // "sk-ant-api03-R2D...igAA"
  std::optional<std::string> workspace_id;   // nullopt = the Default Workspace
  std::string created_at;                    // RFC 3339
  std::string created_by;                    // Anthropic user id (may be empty)
  std::optional<std::string> secret_sealed;  // SecretBox output bound to `id`; never plaintext
  std::optional<std::int64_t> secret_registered_at;
  std::optional<std::int64_t> vanished_at;  // set when a sync no longer finds the key upstream
  std::int64_t synced_at = 0;
};

struct SyncRun {
  std::string id;                  // "syn_…"
  std::string status = "running";  // "running" | "succeeded" | "failed"
  std::string trigger;             // "manual" | "periodic" | "setup"
  std::optional<std::string> actor_id;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> finished_at;
  std::int64_t pages = 0;
  std::int64_t workspaces = 0;
  std::int64_t api_keys = 0;
  std::int64_t vanished = 0;
  std::string error;  // admin-readable reason when failed (never a secret)
};

struct WorkspaceQuery {
  ListParams page;
  std::optional<std::string> organization_id;
  bool include_archived = false;
};

struct ApiKeyQuery {
  ListParams page;
  std::optional<std::string> organization_id;  // through the key's workspace
  std::optional<std::string> workspace_id;
  std::optional<std::string> status;
  std::optional<bool> assigned;  // held by a user or not
  std::optional<std::string> q;  // substring of name, id or hint
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
  std::int64_t total = 0;
};

struct UserQuery {
  ListParams page;
  std::optional<std::string> organization_id;
  std::optional<std::string> q;  // substring of name or email, case-insensitive
  std::optional<Role> role;
  std::optional<UserStatus> status;
};

struct AuditQuery {
  ListParams page;
  std::optional<std::string> organization_id;
  std::optional<std::string> actor_id;
  std::optional<std::string> action;
};

// Trims and lower-cases ASCII letters; what is stored and looked up.
std::string NormalizeEmail(std::string_view email);

}  // namespace portal::domain
