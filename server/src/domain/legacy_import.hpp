#pragma once
// Import from the old Node/MongoDB portal (PRODUCT.md R-X4, docs/migration.md).
//
// The reader (legacy/mongo_export.hpp) turns a mongoexport into a LegacyExport; this service plans
// and applies it. A dry run and an apply run the same code in one transaction: the dry run rolls
// it back, the apply commits it — all or nothing. Running an apply again on the same export changes
// nothing: every imported object is remembered by (collection, legacy id), and a user is also
// matched by email, an organization by name.
//
// The rules (each broken rule is a Problem in the report, never a silent change):
// - Organizations: created by name and description; their old workspaceId links that Anthropic
//   workspace when the portal knows it (from a sync) and no other organization holds it.
// - Users keep email, name, role, organization, status and their bcrypt password hash (it is
//   re-hashed to argon2id at the next login). A SuperAdmin belongs to no organization. Of two users
//   whose emails differ only in case, the active one is kept, then the one updated last, then the
//   first in the file; the other is skipped. Old refresh tokens are never imported.
// - Key values (apiKeyFull on keys, apiKeyValue on users) are sealed under the Anthropic key whose
//   partial_key_hint matches the value — never under an id the old portal stored next to it.
//   A user holds the key their apiKeyId names when that is a key Anthropic has; an id the old
//   portal invented is resolved through its value's hint. The usual assignment rules hold: the key
//   belongs to the user's organization (through its workspace; a SuperAdmin's to none), it is
//   registered, not archived or vanished, and held by nobody else; otherwise the user comes over
//   without a key.
// - Prompts come over as version 1 with their owner; visibility is reduced where the owner's role
//   does not allow it (a User keeps only private prompts).
// Nothing here prints, logs or reports a full key value.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/policy.hpp"
#include "domain/repositories.hpp"
#include "domain/vault.hpp"

namespace portal::domain {

class SyncService;
class AnthropicConnection;

// The old portal's documents, as the reader found them. `line` is the document's line in its file
// (1-based) for messages; strings are as exported (not yet trimmed or validated).
struct LegacyOrganization {
  std::string legacy_id;
  std::string name;
  std::string description;
  std::optional<std::string> workspace_id;
  std::string status;
  int line = 0;
};

struct LegacyUser {
  std::string legacy_id;
  std::string name;
  std::string email;
  std::string password_hash;
  std::string role;
  std::optional<std::string> organization_legacy_id;
  std::optional<std::string> api_key_id;
  std::optional<std::string> api_key_value;  // a secret: never printed
  std::string status;
  std::int64_t updated_at = 0;  // Unix ms, 0 when absent
  int line = 0;
};

struct LegacyApiKey {
  std::string legacy_id;
  std::string api_key_id;            // Anthropic's id, or one the old portal invented
  std::optional<std::string> value;  // apiKeyFull: a secret, never printed
  std::string name;
  int line = 0;
};

struct LegacyPrompt {
  std::string legacy_id;
  std::string title;
  std::string description;
  std::string content;
  std::string category;
  std::vector<std::string> tags;
  std::string visibility;  // "public" | "organization" | "private" (from isPublic when absent)
  std::optional<std::string> owner_legacy_id;
  std::optional<std::string> organization_legacy_id;
  std::int64_t use_count = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int line = 0;
};

// A document the reader could not turn into one of the above (a wrong field type, say); it is
// reported and skipped, the rest of the import goes on.
struct LegacyReadProblem {
  std::string collection;
  std::string legacy_id;  // may be empty
  std::string message;
};

struct LegacyExport {
  std::vector<LegacyOrganization> organizations;
  std::vector<LegacyUser> users;
  std::vector<LegacyApiKey> api_keys;
  std::vector<LegacyPrompt> prompts;
  std::vector<LegacyReadProblem> read_problems;
  std::vector<std::string> missing_files;  // collections without a file (taken as empty)
};

// One line of the report. `kind` is a stable code (for the web app's catalogs and scripts);
// `message` says it in words, in English.
struct ImportProblem {
  std::string kind;
  std::string collection;  // simpleorganizations | simpleusers | anthropicapikeys | prompts
  std::string legacy_id;
  std::string message;
};

struct ImportCount {
  std::int64_t created = 0;
  std::int64_t matched = 0;  // already in the portal (an earlier import, the same email or name)
  std::int64_t skipped = 0;
  bool operator==(const ImportCount&) const = default;
};

struct ImportReport {
  bool dry_run = true;
  // "synced" (an import: a sync ran first), "fetched" (a dry run: Anthropic's data was read and
  // matched against without being stored), "not_configured" (no Anthropic connection: matched
  // against what was synced before), "skipped" (asked not to sync).
  std::string anthropic = "skipped";
  std::optional<std::string> sync_run_id;
  std::map<std::string, ImportCount> counts;  // organizations, users, apiKeys, assignments, prompts, workspaceLinks
  std::vector<ImportProblem> problems;
  bool changed = false;  // whether an apply changed (or a dry run would change) anything
};

struct ImportOptions {
  bool dry_run = true;
  bool sync_first = true;
};

class LegacyImportService {
 public:
  // `sync` and `connection` may be null (then nothing is synced first).
  LegacyImportService(Store& store, const Vault& vault, SyncService* sync, AnthropicConnection* connection,
                      const Clock& clock)
      : store_(store), vault_(vault), sync_(sync), connection_(connection), clock_(clock) {}

  // SuperAdmin only (an actor with an empty user_id is the command line). Errors: kForbidden,
  // 503 vault_sealed, a failed sync (nothing imported), a database failure (nothing imported).
  Result<ImportReport> Run(const Actor& actor, const LegacyExport& data, const ImportOptions& options);

 private:
  Store& store_;
  const Vault& vault_;
  SyncService* sync_;
  AnthropicConnection* connection_;
  const Clock& clock_;
};

}  // namespace portal::domain
