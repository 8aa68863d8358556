#pragma once
// Test support (portal_domain_testing, linked by tests only): the domain's Store in memory.
//
// MemoryStore keeps every table in one MemoryState. Write runs the callback on a copy of the
// state and swaps it in only when the callback succeeds (and does not throw), so a test can prove
// that a failure halfway changes nothing. Read runs on the state itself. Each repository follows
// its contract in repositories.hpp (kConflict on duplicate unique values, kNotFound for absent
// rows, soft-deleted organizations hidden, the documented list orders); cursors are the sort key
// of the last row handed out. The SQL implementations are checked against the same contracts by
// storage/store_contract_test.cpp; this one is for domain services' unit tests.
//
// Failure injection: FailNext("users.delete", error) makes the next call of that repository
// method (names as "<table>.<method>", snake_case, e.g. "audit.append", "api_keys.set_secret")
// return `error`. Calls() counts every repository call by that name, also those of rolled-back
// writes (what a test means by "the sync wrote no key").
//
// Thread-safe: Write and Read are serialised by one mutex (services run syncs on a thread).

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/entities.hpp"
#include "domain/prompt.hpp"
#include "domain/repositories.hpp"

namespace portal::domain::testing {

struct StoredOrganization {
  Organization organization;
  std::optional<std::int64_t> deleted_at;
};

// A time range of a link usage is attributed by (key holder, workspace organization).
struct LinkRange {
  std::string subject;  // the API key id / the workspace id
  std::string owner;    // the user id / the organization id
  std::int64_t from_ms = 0;
  std::optional<std::int64_t> to_ms;
};

struct MemoryState {
  std::map<std::string, StoredOrganization> organizations;
  std::map<std::string, User> users;
  std::map<std::string, Session> sessions;
  std::map<std::string, RefreshToken> refresh_tokens;
  std::vector<AuditEvent> audit;  // in order of appending
  std::map<std::string, std::string, std::less<>> settings;
  std::map<std::string, WorkspaceRecord> workspaces;  // api_key_count is computed when read
  std::map<std::string, ApiKeyRecord> api_keys;
  std::map<std::string, SyncRun> sync_runs;
  std::map<std::string, Prompt> prompts;  // content kept in versions, as in the database
  std::map<std::string, std::vector<PromptVersion>> prompt_versions;
  std::map<std::pair<std::string, std::string>, std::string> legacy_ids;
  std::map<std::string, ThrottleEntry, std::less<>> login_throttle;
  std::map<std::tuple<std::string, std::string, std::string>, LimitSetting> limit_settings;
  std::vector<UsageRow> usage;
  std::map<std::string, UsageRun> usage_runs;
  std::vector<LinkRange> key_holder_history;
  std::vector<LinkRange> workspace_link_history;
};

class MemoryStore final : public Store {
 public:
  // `clock` (may be null: the system clock) times what the SQL store takes from the wall clock:
  // the link history of SetOrganization, UnlinkOrganization and Users().Delete.
  explicit MemoryStore(const Clock* clock = nullptr) { hooks_.clock = clock; }

  Status Write(const std::function<Status(Tx&)>& fn) override;
  Status Read(const std::function<Status(Tx&)>& fn) override;
  Status Ping() override { return {}; }
  std::string_view Backend() const override { return "memory"; }
  std::int64_t ErrorCount() const override { return 0; }

  // The committed state, for arranging and asserting (not while a service runs on another thread).
  MemoryState& State() { return state_; }
  const MemoryState& State() const { return state_; }

  // The next call of `operation` returns `error` (once).
  void FailNext(std::string operation, Error error);
  // How often each operation was called (rolled-back writes included).
  std::int64_t Calls(std::string_view operation) const;
  std::int64_t Writes() const;  // committed Write transactions

  // Shortcuts for arranging a test (each one committed Write).
  void Put(const Organization& organization);
  void Put(const User& user);
  void Put(const Session& session);
  void Put(const WorkspaceRecord& workspace);
  void Put(const ApiKeyRecord& key);
  std::vector<std::string> AuditActions() const;

  // Shared with the repositories: the faults, the call counts and the clock.
  struct Hooks {
    std::map<std::string, Error, std::less<>> faults;
    std::map<std::string, std::int64_t, std::less<>> calls;
    const Clock* clock = nullptr;
    // Counts the call; the injected error, if any.
    std::optional<Error> Enter(std::string_view operation);
    std::int64_t NowMs() const;
  };

 private:
  mutable std::recursive_mutex mutex_;
  MemoryState state_;
  Hooks hooks_;
  std::int64_t writes_ = 0;
};

}  // namespace portal::domain::testing
