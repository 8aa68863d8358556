#include "storage/scale_seed.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "storage/sql_store.hpp"

namespace portal::storage {
namespace {

constexpr std::size_t kRowsPerStatement = 500;

// Words the names are made of, so that searches hit many rows (a word), a few (a number) or none.
constexpr std::array<const char*, 24> kTeams = {
    "営業部", "開発部", "経理部", "人事部", "マーケティング", "サポート", "研究所",    "品質保証",
    "sales",  "dev",    "ops",    "data",   "design",         "legal",    "infra",     "mobile",
    "web",    "ml",     "qa",     "growth", "finance",        "security", "analytics", "platform"};
constexpr std::array<const char*, 12> kPurposes = {"本番",  "検証",     "開発", "バッチ", "chatbot", "summarizer",
                                                   "agent", "pipeline", "eval", "cli",    "editor",  "prototype"};
constexpr std::array<const char*, 20> kFamilyNames = {"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺",   "山本",
                                                      "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口",
                                                      "松本", "井上", "木村", "林",   "斎藤", "清水"};
constexpr std::array<const char*, 10> kActions = {
    "auth.login",          "user.update",         "api_key.update", "user.create",         "prompt.update",
    "api_key.secret_read", "organization.update", "prompt.render",  "user.update_api_key", "auth.logout"};

// splitmix64: a fixed sequence per seed, so every run seeds the same data.
struct Random {
  std::uint64_t state;
  std::uint64_t Next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::string Alnum(int n) {
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (int i = 0; i < n; ++i) out.push_back(kChars[Next() % 62]);
    return out;
  }
};

std::string Quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string Padded(std::int64_t n, int width) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), width - digits.size(), '0');
  return digits;
}

// Collects VALUES tuples and sends them kRowsPerStatement at a time.
class Inserter {
 public:
  Inserter(Conn& conn, std::string head) : conn_(conn), head_(std::move(head)) {}
  void Add(const std::string& tuple) {
    sql_.append(rows_ == 0 ? " VALUES " : ",").append(tuple);
    if (++rows_ == kRowsPerStatement) Flush();
  }
  void Flush() {
    if (rows_ == 0) return;
    conn_.sql() << head_ + sql_;
    sql_.clear();
    rows_ = 0;
  }

 private:
  Conn& conn_;
  std::string head_, sql_;
  std::size_t rows_ = 0;
};

std::string Tuple(std::initializer_list<std::string> values) {
  std::string out = "(";
  for (const auto& v : values) {
    if (out.size() > 1) out.push_back(',');
    out.append(v);
  }
  out.push_back(')');
  return out;
}

}  // namespace

Result<ScaleSeedReport> SeedScale(domain::Store& store, const ScaleSeedSpec& spec,
                                  const std::function<void(const std::string&, std::int64_t)>& progress) {
  if (spec.workspaces > spec.organizations) {
    return Fail(Error::InvalidArgument("seed-scale: more workspaces than organizations"));
  }
  if (spec.organizations < 1) return Fail(Error::InvalidArgument("seed-scale: at least one organization"));
  if (spec.password_hash.empty()) return Fail(Error::InvalidArgument("seed-scale: no password hash"));
  auto sql_store = SqlStoreOf(store);
  if (!sql_store) return Fail(sql_store.error());
  ScaleSeedReport report;
  const std::int64_t now = spec.now_ms;
  Random random{20261130};

  std::vector<std::string> org_ids, workspace_ids, user_ids;
  // Per workspace, the keys (by index) that are active and not yet held.
  std::vector<std::vector<std::string>> free_keys(static_cast<std::size_t>(spec.workspaces));

  auto table = [&](const std::string& name, std::int64_t rows, const std::function<void(Conn&)>& fill) -> Status {
    Status status = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
      return conn.Read("seed_scale." + name, [&]() -> Status {
        conn.sql() << std::string(conn.dialect().begin_write);
        try {
          fill(conn);
          conn.sql() << "COMMIT";
        } catch (...) {
          conn.sql() << "ROLLBACK";
          throw;
        }
        return {};
      });
    });
    if (status && progress) progress(name, rows);
    return status;
  };

  Status checked = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("seed_scale.check", [&]() -> Status {
      for (const char* t : {"organizations", "workspaces", "api_keys", "users"}) {
        long long rows = 0;
        conn.sql() << "SELECT count(*) FROM " + std::string(t), soci::into(rows);
        if (rows > 0) {
          return Fail(Error::InvalidArgument("seed-scale: the database already has " + std::string(t) +
                                             "; seed an empty database"));
        }
      }
      return {};
    });
  });
  if (!checked) return Fail(checked.error());

  // Organizations, a day apart, oldest first.
  auto seeded = table("organizations", spec.organizations, [&](Conn& conn) {
    Inserter insert(conn, "INSERT INTO organizations (id, name, name_key, description, created_at, updated_at)");
    for (std::int64_t i = 0; i < spec.organizations; ++i) {
      const std::int64_t at = now - (spec.organizations - i) * 86'400'000LL / 4;
      std::string id = NewId("org", FromUnixMillis(at));
      std::string name = std::string(kTeams[i % kTeams.size()]) + " 顧客 " + Padded(i, 5);
      std::string key = name;
      for (char& c : key) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      insert.Add(Tuple(
          {Quote(id), Quote(name), Quote(key), Quote("規模試験用の組織"), std::to_string(at), std::to_string(at)}));
      org_ids.push_back(std::move(id));
    }
    insert.Flush();
  });
  if (!seeded) return Fail(seeded.error());
  report.organizations = spec.organizations;

  seeded = table("workspaces", spec.workspaces, [&](Conn& conn) {
    Inserter insert(
        conn, "INSERT INTO workspaces (id, name, name_key, display_color, created_at, organization_id, synced_at)");
    Inserter history(conn, "INSERT INTO workspace_link_history (workspace_id, organization_id, from_ms, to_ms)");
    for (std::int64_t i = 0; i < spec.workspaces; ++i) {
      std::string id = "wrkspc_S" + Padded(i, 6) + random.Alnum(16);
      std::string name = "ws-" + std::string(kTeams[i % kTeams.size()]) + "-" + Padded(i, 4);
      std::string created = FormatRfc3339(FromUnixMillis(now - 400LL * 86'400'000LL + i * 60'000LL));
      insert.Add(Tuple({Quote(id), Quote(name), Quote(name), Quote("#6c5ce7"), Quote(created),
                        Quote(org_ids[static_cast<std::size_t>(i)]), std::to_string(now)}));
      history.Add(Tuple({Quote(id), Quote(org_ids[static_cast<std::size_t>(i)]), "0", "NULL"}));
      workspace_ids.push_back(std::move(id));
    }
    insert.Flush();
    history.Flush();
  });
  if (!seeded) return Fail(seeded.error());
  report.workspaces = spec.workspaces;

  // Keys 20 s apart, oldest first; every 20th block of 100 is in the Default Workspace (none here).
  seeded = table("api_keys", spec.keys, [&](Conn& conn) {
    Inserter insert(conn,
                    "INSERT INTO api_keys (id, name, status, partial_key_hint, workspace_id, created_at, created_by,"
                    " synced_at)");
    const std::string creator = "user_S" + random.Alnum(20);
    for (std::int64_t i = 0; i < spec.keys; ++i) {
      std::string id = "apikey_S" + Padded(i, 7) + random.Alnum(16);
      std::string name = std::string(kTeams[i % kTeams.size()]) + "-" + kPurposes[(i / 7) % kPurposes.size()] + "-" +
                         std::to_string(i);
      std::string hint = "sk-ant-api03-" + random.Alnum(3) + "..." + random.Alnum(4);
      const std::uint64_t draw = random.Next() % 100;
      const char* status = draw < 2 ? "archived" : (draw < 12 ? "inactive" : "active");
      const bool in_default = spec.workspaces == 0 || (i / 100) % 20 == 7;
      const std::size_t ws = spec.workspaces == 0 ? 0 : static_cast<std::size_t>(i % spec.workspaces);
      std::string created = FormatRfc3339(FromUnixMillis(now - (spec.keys - i) * 20'000LL));
      insert.Add(Tuple({Quote(id), Quote(name), Quote(status), Quote(hint),
                        in_default ? std::string("NULL") : Quote(workspace_ids[ws]), Quote(created), Quote(creator),
                        std::to_string(now)}));
      if (!in_default && std::string_view(status) == "active") free_keys[ws].push_back(std::move(id));
    }
    insert.Flush();
    conn.sql() << "UPDATE workspaces SET api_key_count = (SELECT count(*) FROM api_keys k"
                  " WHERE k.workspace_id = workspaces.id)";
  });
  if (!seeded) return Fail(seeded.error());
  report.keys = spec.keys;

  // Users round-robin over the organizations, oldest first; a user of an organization with a
  // workspace holds one of its active keys while there are any.
  // The held keys are spread over each workspace's keys, old and new, as they are in life.
  std::vector<std::size_t> next_free(free_keys.size(), 0);
  const std::size_t users_per_organization =
      static_cast<std::size_t>((spec.users + spec.organizations - 1) / spec.organizations);
  seeded = table("users", spec.users, [&](Conn& conn) {
    Inserter insert(conn,
                    "INSERT INTO users (id, email, name, password_hash, role, organization_id, api_key_id, status,"
                    " last_login_at, must_change_password, created_at, updated_at)");
    Inserter history(conn, "INSERT INTO key_holder_history (api_key_id, user_id, from_ms, to_ms)");
    {
      std::string id = NewId("usr", FromUnixMillis(now - 500LL * 86'400'000LL));
      insert.Add(Tuple({Quote(id), Quote("scale-admin@example.com"), Quote("規模試験 管理者"),
                        Quote(spec.password_hash), Quote("SuperAdmin"), "NULL", "NULL", Quote("active"), "NULL", "0",
                        std::to_string(now), std::to_string(now)}));
      user_ids.push_back(std::move(id));
    }
    for (std::int64_t i = 0; i < spec.users; ++i) {
      const std::int64_t at = now - (spec.users - i) * 60'000LL;
      std::string id = NewId("usr", FromUnixMillis(at));
      const std::size_t org = static_cast<std::size_t>(i % spec.organizations);
      std::string key = "NULL";
      if (org < free_keys.size() && next_free[org] < users_per_organization && next_free[org] < free_keys[org].size()) {
        const std::size_t stride = std::max<std::size_t>(1, free_keys[org].size() / users_per_organization);
        const std::size_t pick =
            free_keys[org].size() - 1 - std::min(free_keys[org].size() - 1, next_free[org]++ * stride);
        const std::string& key_id = free_keys[org][pick];
        key = Quote(key_id);
        history.Add(Tuple({key, Quote(id), "0", "NULL"}));
        ++report.key_holders;
      }
      std::string name = std::string(kFamilyNames[i % kFamilyNames.size()]) + " 利用者" + std::to_string(i);
      std::string email = "user" + Padded(i, 6) + "@" + (i % 3 == 0 ? "scale.example" : "customer.example");
      const char* role = i % 100 == 0 ? "Admin" : "User";
      const char* status = i % 25 == 3 ? "disabled" : "active";
      insert.Add(Tuple({Quote(id), Quote(email), Quote(name), Quote(spec.password_hash), Quote(role),
                        Quote(org_ids[org]), key, Quote(status), "NULL", "0", std::to_string(at), std::to_string(at)}));
      user_ids.push_back(std::move(id));
    }
    insert.Flush();
    history.Flush();
  });
  if (!seeded) return Fail(seeded.error());
  report.users = spec.users;

  seeded = table("audit_events", spec.audit_events, [&](Conn& conn) {
    Inserter insert(conn,
                    "INSERT INTO audit_events (id, actor_id, action, target_type, target_id, organization_id,"
                    " request_id, details_json, created_at)");
    for (std::int64_t i = 0; i < spec.audit_events; ++i) {
      const std::int64_t at = now - (spec.audit_events - i) * 5'000LL;
      const std::size_t user = static_cast<std::size_t>(random.Next() % user_ids.size());
      const std::size_t org = user == 0 ? 0 : (user - 1) % org_ids.size();
      insert.Add(Tuple({Quote(NewId("aud", FromUnixMillis(at))), Quote(user_ids[user]),
                        Quote(kActions[i % kActions.size()]), Quote("user"), Quote(user_ids[user]), Quote(org_ids[org]),
                        Quote("req_S" + Padded(i, 8)), Quote("{}"), std::to_string(at)}));
    }
    insert.Flush();
  });
  if (!seeded) return Fail(seeded.error());
  report.audit_events = spec.audit_events;

  seeded = table("prompts", spec.prompts, [&](Conn& conn) {
    Inserter insert(conn,
                    "INSERT INTO prompts (id, title, description, category, tags, visibility, organization_id,"
                    " owner_id, current_version, use_count, created_at, updated_at)");
    Inserter versions(conn, "INSERT INTO prompt_versions (prompt_id, number, content, note, author_id, created_at)");
    for (std::int64_t i = 0; i < spec.prompts; ++i) {
      const std::int64_t at = now - (spec.prompts - i) * 600'000LL;
      std::string id = NewId("prm", FromUnixMillis(at));
      const std::size_t org = static_cast<std::size_t>(i % spec.organizations);
      const std::size_t owner = static_cast<std::size_t>(i) % user_ids.size();
      const char* visibility = i % 10 == 0 ? "public" : (i % 3 == 0 ? "private" : "organization");
      std::string title = std::string(kPurposes[i % kPurposes.size()]) + "用プロンプト " + std::to_string(i);
      insert.Add(Tuple({Quote(id), Quote(title), Quote(std::string(kTeams[i % kTeams.size()]) + "向けの説明"),
                        Quote(i % 2 ? "要約" : "翻訳"), Quote(",scale,"), Quote(visibility), Quote(org_ids[org]),
                        Quote(user_ids[owner]), "1", "0", std::to_string(at), std::to_string(at)}));
      versions.Add(Tuple({Quote(id), "1", Quote("次の文章を{{language}}で要約してください。番号 " + std::to_string(i)),
                          Quote(""), "NULL", std::to_string(at)}));
    }
    insert.Flush();
    versions.Flush();
    // What the prompt repository keeps after each write (migration 0012).
    std::string separator("\x01"), separator2 = separator;
    conn.sql() << "UPDATE prompts SET search_text = title || :separator || description || :separator2 || coalesce("
                  "(SELECT v.content FROM prompt_versions v WHERE v.prompt_id = prompts.id"
                  " AND v.number = prompts.current_version), '')",
        soci::use(separator, "separator"), soci::use(separator2, "separator2");
  });
  if (!seeded) return Fail(seeded.error());
  report.prompts = spec.prompts;
  // What autovacuum would do on a live PostgreSQL soon after: statistics for the planner and
  // a visibility map for index-only scans. (SQLite gathers no statistics unless asked, and the
  // portal does not ask.)
  Status analyzed = (*sql_store)->WithConnection([&](Conn& conn) -> Status {
    return conn.Read("seed_scale.analyze", [&]() -> Status {
      if (conn.dialect().backend == Backend::kPostgres) conn.sql() << "VACUUM ANALYZE";
      return {};
    });
  });
  if (!analyzed) return Fail(analyzed.error());
  if (progress) progress("statistics", 0);
  return report;
}

}  // namespace portal::storage
