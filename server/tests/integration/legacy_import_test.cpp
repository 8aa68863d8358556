// The import from the old portal (R-X4) on SQLite and PostgreSQL: the shared fixture through the
// emulator (sync first, then every EXPECTED user logs in and fetches their key), the messy cases of
// real exports as small exports of their own, idempotence, and a failure halfway that changes
// nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/ids.hpp"
#include "domain/legacy_import.hpp"
#include "emulator/emulator.hpp"
#include "integration/core_support.hpp"
#include "legacy/mongo_export.hpp"

namespace portal::testing {
namespace {

namespace json = boost::json;
constexpr const char* kAdminKey = "sk-ant-admin01-test-0123456789abcdefghijklmnopqrstuvwxyz";
const std::filesystem::path kFixtures = std::filesystem::path(PORTAL_SOURCE_DIR) / "server/tests/fixtures";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::multiset<std::string> Kinds(const domain::ImportReport& report) {
  std::multiset<std::string> kinds;
  for (const auto& p : report.problems) kinds.insert(p.kind);
  return kinds;
}

// Everything an import may change, as one comparable text.
class DatabaseSnapshot {
 public:
  static std::string Of(domain::Store& store) {
    std::ostringstream out;
    auto read = store.Read([&](domain::Tx& tx) -> Status {
      domain::UserQuery users;
      users.page.limit = 500;
      auto u = tx.Users().List(users);
      if (!u) return Fail(u.error());
      for (const auto& [user, organization_name, api_key] : u->items) {
        out << "user " << user.email << " " << user.api_key_id.value_or("-") << " " << user.password_hash << "\n";
      }
      auto orgs = tx.Organizations().List({.page = {500, std::nullopt}});
      if (!orgs) return Fail(orgs.error());
      for (const auto& org : orgs->items) out << "org " << org.name << "\n";
      domain::ApiKeyQuery keys;
      keys.page.limit = 500;
      auto k = tx.ApiKeys().List(keys);
      if (!k) return Fail(k.error());
      for (const auto& view : k->items)
        out << "key " << view.key.id << " " << view.key.secret_sealed.has_value() << "\n";
      domain::WorkspaceQuery workspaces;
      workspaces.page.limit = 500;
      workspaces.include_archived = true;
      auto w = tx.Workspaces().List(workspaces);
      if (!w) return Fail(w.error());
      for (const auto& ws : w->items) out << "ws " << ws.id << " " << ws.organization_id.value_or("-") << "\n";
      domain::PromptQuery prompts;
      prompts.page.limit = 500;
      prompts.scope.everything = true;
      auto p = tx.Prompts().List(prompts);
      if (!p) return Fail(p.error());
      for (const auto& prompt : p->items) out << "prompt " << prompt.title << "\n";
      domain::AuditQuery audit;
      audit.page.limit = 500;
      auto a = tx.Audit().List(audit);
      if (!a) return Fail(a.error());
      out << "audit " << a->items.size() << "\n";
      auto run = tx.SyncRuns().Latest();
      if (!run) return Fail(run.error());
      out << "sync " << (*run ? (*run)->id : "-") << "\n";
      return {};
    });
    EXPECT_TRUE(read) << (read ? "" : read.error().detail);
    return out.str();
  }
};

class LegacyImport : public CoreTest {
 protected:
  domain::Actor Cli() {
    domain::Actor actor;
    actor.request_id = "test-import";
    return actor;
  }
  domain::ImportReport Run(const domain::LegacyExport& data, bool dry_run) {
    auto report = portal->LegacyImport().Run(Cli(), data, {.dry_run = dry_run, .sync_first = true});
    EXPECT_TRUE(report) << (report ? "" : report.error().message);
    return report ? *report : domain::ImportReport{};
  }
  std::optional<domain::User> UserByEmail(const std::string& email) {
    std::optional<domain::User> found;
    auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
      auto user = tx.Users().FindByEmail(email);
      if (user) found = *user;
      return {};
    });
    EXPECT_TRUE(read);
    return found;
  }
  std::optional<std::string> SecretOf(const std::string& key_id) {
    std::optional<std::string> value;
    auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
      auto key = tx.ApiKeys().FindById(key_id);
      if (!key) return Fail(key.error());
      if (key->secret_sealed) {
        auto opened = portal->Vault().Open(*key->secret_sealed, key_id);
        if (opened) value = *opened;
      }
      return {};
    });
    EXPECT_TRUE(read);
    return value;
  }
};

// ---- the shared fixture, through the emulator --------------------------------------------------

class LegacyFixtureImport : public LegacyImport {
 protected:
  void Configure(app::Config& config) override {
    emulator::EmulatorOptions options;
    options.admin_key = kAdminKey;
    options.seed_file = (kFixtures / "legacy-mongo-anthropic.json").string();
    options.access_log = false;
    emu = std::make_unique<emulator::Emulator>(options);
    ASSERT_TRUE(emu->Start());
    config.sync_interval_minutes = 0;
    config.anthropic_base_url = emu->BaseUrl();
  }
  void TearDown() override {
    PortalTest::TearDown();
    if (emu) emu->Stop();
  }
  void Connect() {
    CreateUser("root@example.com", domain::Role::kSuperAdmin, std::nullopt);
    auto token = LoginCli("root@example.com").access;
    auto put = Call("PUT", "/api/v1/settings/anthropic", token, json::serialize(json::object{{"adminKey", kAdminKey}}));
    ASSERT_EQ(put.status, 200) << put.body;
  }
  std::unique_ptr<emulator::Emulator> emu;
};

TEST_P(LegacyFixtureImport, ImportsExactlyAsExpectedAndASecondRunChangesNothing) {
  Connect();
  auto data = legacy::ReadExportDirectory(kFixtures / "legacy-mongo");
  ASSERT_TRUE(data) << data.error().message;
  const auto expected = json::parse(ReadFile(kFixtures / "legacy-mongo/EXPECTED.json")).as_object();

  // A dry run reads Anthropic and matches against it, and changes nothing at all: no sync run, no
  // key or workspace stored, no audit event.
  const std::string before = DatabaseSnapshot::Of(portal->Store());
  auto dry = Run(*data, true);
  EXPECT_TRUE(dry.dry_run);
  EXPECT_TRUE(dry.changed);
  EXPECT_EQ(dry.anthropic, "fetched");
  EXPECT_FALSE(dry.sync_run_id);
  EXPECT_EQ(dry.counts["organizations"].created, 3);
  EXPECT_EQ(dry.counts["users"].created, 6);
  EXPECT_EQ(dry.counts["apiKeys"].created, 9);
  EXPECT_EQ(dry.counts["assignments"].created, 6);
  EXPECT_EQ(dry.counts["prompts"].created, 3);
  EXPECT_EQ(dry.counts["workspaceLinks"].created, 3);
  // Both SuperAdmins' old rows named an organization, which a SuperAdmin does not have here.
  EXPECT_EQ(Kinds(dry),
            (std::multiset<std::string>{"superadmin_organization_dropped", "superadmin_organization_dropped"}))
      << legacy::ReportText(dry);
  EXPECT_NE(legacy::ReportText(dry).find("a dry run stores nothing"), std::string::npos);
  EXPECT_EQ(DatabaseSnapshot::Of(portal->Store()), before);
  EXPECT_FALSE(UserByEmail("tatsuya@example.jp"));
  EXPECT_EQ(Run(*data, true).counts, dry.counts);
  EXPECT_EQ(DatabaseSnapshot::Of(portal->Store()), before);

  auto applied = Run(*data, false);
  EXPECT_FALSE(applied.dry_run);
  EXPECT_EQ(applied.anthropic, "synced");
  EXPECT_EQ(applied.counts, dry.counts);
  EXPECT_EQ(Kinds(applied), Kinds(dry));

  for (const auto& u : expected.at("users").as_array()) {
    const auto& user = u.as_object();
    const std::string email(user.at("email").as_string());
    auto tokens = LoginCli(email, std::string(user.at("password").as_string()));
    ASSERT_FALSE(tokens.access.empty()) << email;
    auto key = Call("GET", "/api/v1/me/api-key", tokens.access);
    ASSERT_EQ(key.status, 200) << email << " " << key.body;
    const std::string key_id(user.at("apiKeyId").as_string());
    EXPECT_EQ(key.Json().at("id").as_string(), key_id) << email;
    for (const auto& k : expected.at("keys").as_array()) {
      if (k.at("apiKeyId").as_string() == key_id) {
        EXPECT_EQ(key.Json().at("value"), k.at("value")) << email;
      }
    }
    auto me = Call("GET", "/api/v1/me", tokens.access);
    EXPECT_EQ(me.Json().at("role").as_string(), user.at("role").as_string()) << email;
  }
  // The bcrypt hash was replaced by argon2id at that first login.
  EXPECT_TRUE(UserByEmail("ken@example.com")->password_hash.starts_with("$argon2id$"));
  const std::string super = MakeSuperAdmin();
  for (const auto& o : expected.at("orgs").as_array()) {
    auto ws = Call("GET", "/api/v1/workspaces/" + std::string(o.at("workspaceId").as_string()), super);
    ASSERT_EQ(ws.status, 200) << ws.body;
    auto org = Call("GET", "/api/v1/organizations/" + std::string(ws.Json().at("organizationId").as_string()), super);
    EXPECT_EQ(org.Json().at("name"), o.at("name"));
  }
  // Every imported object is audited, one event per object, and the run itself once.
  for (const auto& [action, count] : std::vector<std::pair<std::string, std::size_t>>{{"import.user", 6},
                                                                                      {"import.organization", 3},
                                                                                      {"import.workspace_link", 3},
                                                                                      {"import.api_key_secret", 9},
                                                                                      {"import.prompt", 3},
                                                                                      {"import.run", 1}}) {
    auto audit = Call("GET", "/api/v1/audit?limit=100&action=" + action, super);
    EXPECT_EQ(audit.Json().at("items").as_array().size(), count) << action << " " << audit.body;
  }
  // Prompts come over with their content, category, tags and visibility, as version 1.
  ASSERT_EQ(data->prompts.size(), 3u);
  for (const auto& legacy : data->prompts) {
    std::optional<domain::Prompt> found;
    auto read = portal->Store().Read([&](domain::Tx& tx) -> Status {
      domain::PromptQuery query;
      query.page.limit = 500;
      query.scope.everything = true;
      auto listed = tx.Prompts().List(query);
      if (!listed) return Fail(listed.error());
      for (const auto& p : listed->items) {
        if (p.title != legacy.title) continue;
        auto full = tx.Prompts().FindById(p.id);
        if (!full) return Fail(full.error());
        found = *full;
      }
      return {};
    });
    ASSERT_TRUE(read);
    ASSERT_TRUE(found) << legacy.title;
    EXPECT_EQ(found->content, legacy.content);
    EXPECT_EQ(found->category, legacy.category);
    EXPECT_EQ(found->tags, legacy.tags);
    EXPECT_EQ(found->version, 1);
    EXPECT_EQ(domain::ToString(found->visibility), legacy.visibility) << legacy.title;
    EXPECT_TRUE(found->owner_id) << legacy.title;
  }

  const std::string after_apply = DatabaseSnapshot::Of(portal->Store());
  auto again = Run(*data, false);
  EXPECT_FALSE(again.changed) << legacy::ReportText(again);
  EXPECT_EQ(again.counts["users"].created, 0);
  EXPECT_EQ(again.counts["users"].matched, 6);
  EXPECT_EQ(again.counts["apiKeys"].matched, 9);
  EXPECT_EQ(again.counts["prompts"].matched, 3);
  EXPECT_EQ(again.counts["organizations"].matched, 3);
  // Only the sync run and the import's own summary event are new.
  auto strip_audit = [](const std::string& s) { return s.substr(0, s.find("audit ")); };
  EXPECT_EQ(strip_audit(DatabaseSnapshot::Of(portal->Store())), strip_audit(after_apply));
}

// ---- messy exports ---------------------------------------------------------------------------

class LegacyMessyImport : public LegacyImport {
 protected:
  void SetUp() override {
    LegacyImport::SetUp();
    if (IsSkipped()) return;
    org_a_workspace = AddWorkspace(std::nullopt);
    for (auto* v : {&v1, &v2, &v3, &v4, &v5}) *v = NewKeyValue();
    k1 = AddKey(org_a_workspace, v1, "active", false);
    k2 = AddKey(org_a_workspace, v2, "active", false);
    k3 = AddKey(org_a_workspace, v3, "active", false);
    k4 = AddKey(org_a_workspace, v4, "active", false);
    k5 = AddKey(std::nullopt, v5, "active", false);  // Default Workspace: no organization's
  }

  // The old portal's export, in every shape real exports come in.
  std::map<std::string, std::string> Export() {
    const std::string orgs =  // --jsonArray --pretty, canonical Extended JSON
        "[\n"
        "  {\"_id\": {\"$oid\": \"00000000000000000000000a\"}, \"name\": \"Org A\", \"workspaceId\": \"" +
        org_a_workspace +
        "\",\n   \"createdAt\": {\"$date\": {\"$numberLong\": \"1742810400000\"}}, \"__v\": {\"$numberInt\": \"0\"}},\n"
        "  {\"_id\": {\"$oid\": \"00000000000000000000000b\"}, \"name\": \"Org B\", \"workspaceId\": "
        "\"wrkspc_01NoSuchWorkspace0000000\"}\n"
        "]\n";
    auto user = [](const std::string& id, const std::string& email, const std::string& role, const std::string& org,
                   const std::string& extra) {
      return "{\"_id\": {\"$oid\": \"" + id + "\"}, \"name\": \"" + email.substr(0, email.find('@')) +
             "\", \"email\": \"" + email + "\", \"password\": \"" + kBcrypt + "\", \"role\": \"" + role + "\"" +
             (org.empty() ? "" : ", \"organizationId\": {\"$oid\": \"" + org + "\"}") + extra +
             ", \"refreshToken\": \"eyJ.old.token\"}";
    };
    const std::string a = "00000000000000000000000a";
    std::string users = "\xEF\xBB\xBF";  // BOM and CRLF
    users += user("0000000000000000000000u1", "admin@a.example", "Admin", a,
                  ", \"apiKeyId\": \"" + k1 + "\", \"apiKeyValue\": \"" + v1 + "\"") +
             "\r\n";
    users += user("0000000000000000000000u2", "invented@a.example", "User", a,
                  ", \"apiKeyId\": \"apikey_1742888221593_pqzlei\"") +
             "\r\n";
    users += user("0000000000000000000000u3", "stale@a.example", "User", a,
                  ", \"apiKeyId\": \"" + k3 + "\", \"apiKeyValue\": \"" + v4 + "\"") +
             "\r\n";
    users += user("0000000000000000000000u4", "Twin@a.example", "User", a,
                  ", \"status\": \"disabled\", \"updatedAt\": {\"$date\": \"2025-05-01T00:00:00Z\"}") +
             "\r\n";
    users += user("0000000000000000000000u5", "twin@a.example", "User", a,
                  ", \"status\": \"active\", \"updatedAt\": {\"$date\": \"2025-01-01T00:00:00Z\"}") +
             "\r\n";
    users += user("0000000000000000000000u6", "lost@a.example", "User", "0000000000000000000000ff", "") + "\r\n";
    users += user("0000000000000000000000u7", "nokey@a.example", "User", a,
                  ", \"apiKeyValue\": \"sk-ant-api03-" + std::string(80, 'Q') + "AA\"") +
             "\r\n";
    users += user("0000000000000000000000u8", "boss@a.example", "SuperAdmin", a,
                  ", \"apiKeyId\": \"" + k5 + "\", \"apiKeyValue\": \"" + v5 + "\"") +
             "\r\n";
    users += user("0000000000000000000000u9", "second@a.example", "User", a, ", \"apiKeyId\": \"" + k1 + "\"") + "\r\n";
    const std::string keys =
        "{\"_id\": {\"$oid\": \"0000000000000000000000k3\"}, \"apiKeyId\": \"" + k3 + "\", \"apiKeyFull\": \"" + v3 +
        "\", \"name\": \"three\"}\n"
        "{\"_id\": {\"$oid\": \"0000000000000000000000k2\"}, \"apiKeyId\": \"apikey_1742888221593_pqzlei\", "
        "\"apiKeyFull\": \"" +
        v2 + "\", \"name\": \"invented\"}\n";
    const std::string prompts =
        "{\"_id\": {\"$oid\": \"0000000000000000000000p1\"}, \"title\": \"Admin's\", \"content\": \"Hi {{name}}\", "
        "\"tags\": [\"a\"], \"isPublic\": true, \"ownerId\": {\"$oid\": \"0000000000000000000000u1\"}}\n"
        "{\"_id\": {\"$oid\": \"0000000000000000000000p2\"}, \"title\": \"Orphan\", \"content\": \"x\", "
        "\"ownerId\": {\"$oid\": \"0000000000000000000000zz\"}}\n"
        "{\"_id\": {\"$oid\": \"0000000000000000000000p3\"}, \"title\": \"User's\", \"content\": \"y\", "
        "\"isPublic\": true, \"ownerId\": {\"$oid\": \"0000000000000000000000u2\"}}\n";
    return {{"simpleorganizations.json", orgs},
            {"simpleusers.json", users},
            {"anthropicapikeys.json", keys},
            {"prompts.json", prompts}};
  }

  // tatsuya@example.jp's hash from the shared fixture (password tatsuya-pass-2025).
  static constexpr const char* kBcrypt = "$2a$10$1gKbfIrXAhOM/pPw1nCyi.W3y79CS/vQwraC8JKPfusKN0U7A7pyK";

  std::string org_a_workspace;
  std::string k1, k2, k3, k4, k5;
  std::string v1, v2, v3, v4, v5;
};

TEST_P(LegacyMessyImport, TheDryRunReportsEveryCaseAndChangesNothingTheApplyDoesWhatItSaid) {
  auto data = legacy::ReadExport(Export());
  ASSERT_TRUE(data) << data.error().message;
  const std::string before = DatabaseSnapshot::Of(portal->Store());

  auto dry = Run(*data, true);
  EXPECT_EQ(dry.anthropic, "not_configured");
  EXPECT_EQ(DatabaseSnapshot::Of(portal->Store()), before);
  const std::multiset<std::string> expected_kinds = {
      "workspace_unknown",                // Org B's workspace is not known from Anthropic
      "user_key_value_mismatch",          // stale@: holds k3, its stale value is v4's
      "duplicate_email",                  // Twin@ vs twin@
      "dangling_organization",            // lost@
      "no_matching_key",                  // nokey@'s value
      "key_not_found",                    // nokey@ comes over without a key
      "superadmin_organization_dropped",  // boss@
      "key_already_held",                 // second@ names k1, which admin@ holds
      "dangling_owner",                   // prompt "Orphan"
      "visibility_reduced",               // a User's public prompt
  };
  EXPECT_EQ(Kinds(dry), expected_kinds) << legacy::ReportText(dry);
  EXPECT_EQ(dry.counts["organizations"].created, 2);
  EXPECT_EQ(dry.counts["workspaceLinks"].created, 1);
  EXPECT_EQ(dry.counts["workspaceLinks"].skipped, 1);
  EXPECT_EQ(dry.counts["apiKeys"].created, 5);  // v1, v2, v3, v4, v5 (v4 under k4, never under k3)
  EXPECT_EQ(dry.counts["apiKeys"].skipped, 1);  // nokey@'s value
  EXPECT_EQ(dry.counts["users"].created, 7);
  EXPECT_EQ(dry.counts["users"].skipped, 2);  // a twin, lost@
  EXPECT_EQ(dry.counts["assignments"].created, 4);
  EXPECT_EQ(dry.counts["assignments"].skipped, 2);
  EXPECT_EQ(dry.counts["prompts"].created, 2);
  EXPECT_EQ(dry.counts["prompts"].skipped, 1);
  for (const auto& p : dry.problems) {
    for (const auto* v : {&v1, &v2, &v3, &v4, &v5}) EXPECT_EQ(p.message.find(*v), std::string::npos) << p.message;
  }

  auto applied = Run(*data, false);
  EXPECT_EQ(applied.counts, dry.counts);
  EXPECT_EQ(Kinds(applied), Kinds(dry));
  EXPECT_EQ(UserByEmail("admin@a.example")->api_key_id, k1);
  EXPECT_EQ(UserByEmail("invented@a.example")->api_key_id, k2);  // found by its value's hint
  EXPECT_EQ(UserByEmail("stale@a.example")->api_key_id, k3);
  EXPECT_EQ(SecretOf(k3), v3);  // the stale copy was never stored under k3 …
  EXPECT_EQ(SecretOf(k4), v4);  // … but under the key it belongs to
  EXPECT_EQ(UserByEmail("boss@a.example")->api_key_id, k5);
  EXPECT_FALSE(UserByEmail("boss@a.example")->organization_id);
  EXPECT_FALSE(UserByEmail("nokey@a.example")->api_key_id);
  EXPECT_FALSE(UserByEmail("second@a.example")->api_key_id);
  EXPECT_FALSE(UserByEmail("lost@a.example"));
  auto twin = UserByEmail("twin@a.example");
  ASSERT_TRUE(twin);
  EXPECT_EQ(twin->status, domain::UserStatus::kActive);  // the active one of the two
  // Imported passwords verify as they are.
  EXPECT_FALSE(LoginCli("admin@a.example", "tatsuya-pass-2025").access.empty());

  const std::string after = DatabaseSnapshot::Of(portal->Store());
  auto again = Run(*data, false);
  EXPECT_FALSE(again.changed) << legacy::ReportText(again);
  auto strip_audit = [](const std::string& s) { return s.substr(0, s.find("audit ")); };
  EXPECT_EQ(strip_audit(DatabaseSnapshot::Of(portal->Store())), strip_audit(after));
}

// Every way a key in an export can be wrong, each in its own small export next to a working case:
// reported in words, never quoting a value, and the user imported without a key rather than a
// wrong one.
TEST_P(LegacyMessyImport, EveryKeyProblemIsReportedWithoutAValueAndNoUserGetsAWrongKey) {
  // Two keys whose values share a hint (the first 16 and the last 4 characters).
  const std::string twin_a = "sk-ant-api03-TWN" + NewKeyValue().substr(16, 73) + "AAAA";
  std::string twin_b = twin_a;
  twin_b[40] = twin_b[40] == 'x' ? 'y' : 'x';
  AddKey(org_a_workspace, twin_a, "active", false);
  AddKey(org_a_workspace, twin_b, "active", false);
  // A key whose registered value differs from the export's (same hint, another middle).
  const std::string kept = NewKeyValue();
  std::string other_value = kept;
  other_value[40] = other_value[40] == 'x' ? 'y' : 'x';
  const std::string registered = AddKey(org_a_workspace, kept, "active", true);
  // A key of another customer's workspace.
  const std::string other_org = CreateOrganization("Other Co");
  const std::string foreign_value = NewKeyValue();
  const std::string foreign = AddKey(AddWorkspace(other_org), foreign_value, "active", true);

  const std::string a = "00000000000000000000000a";
  auto user = [&](const std::string& id, const std::string& email, const std::string& extra) {
    return "{\"_id\": {\"$oid\": \"" + id + "\"}, \"name\": \"" + email.substr(0, email.find('@')) +
           "\", \"email\": \"" + email + "\", \"password\": \"" + kBcrypt +
           "\", \"role\": \"User\", \"organizationId\": {\"$oid\": \"" + a + "\"}" + extra + "}\n";
  };
  std::map<std::string, std::string> files = {
      {"simpleorganizations.json",
       "{\"_id\": {\"$oid\": \"" + a + "\"}, \"name\": \"Org A\", \"workspaceId\": \"" + org_a_workspace + "\"}\n"},
      {"simpleusers.json",
       user("0000000000000000000000u1", "ghost@a.example", ", \"apiKeyId\": \"apikey_01NoSuchKeyAnywhere000000\"") +
           user("0000000000000000000000u2", "foreign@a.example", ", \"apiKeyId\": \"" + foreign + "\"") +
           user("0000000000000000000000u3", "good@a.example", ", \"apiKeyId\": \"" + k2 + "\"")},
      {"anthropicapikeys.json",
       // k1's document carries k2's value; the twins' value is ambiguous; the registered key's differs.
       "{\"_id\": {\"$oid\": \"0000000000000000000000k1\"}, \"apiKeyId\": \"" + k1 + "\", \"apiKeyFull\": \"" + v2 +
           "\"}\n"
           "{\"_id\": {\"$oid\": \"0000000000000000000000k2\"}, \"apiKeyId\": \"apikey_1742888221593_twin\", "
           "\"apiKeyFull\": \"" +
           twin_a +
           "\"}\n"
           "{\"_id\": {\"$oid\": \"0000000000000000000000k3\"}, \"apiKeyId\": \"" +
           registered + "\", \"apiKeyFull\": \"" + other_value + "\"}\n"},
  };
  auto data = legacy::ReadExport(files);
  ASSERT_TRUE(data) << data.error().message;
  const std::string before = DatabaseSnapshot::Of(portal->Store());
  auto dry = Run(*data, true);
  EXPECT_EQ(DatabaseSnapshot::Of(portal->Store()), before);
  EXPECT_EQ(Kinds(dry), (std::multiset<std::string>{"key_not_found", "key_wrong_organization", "key_id_value_mismatch",
                                                    "ambiguous_key_hint", "key_secret_differs",
                                                    "missing_file"}))  // no prompts.json: no prompts
      << legacy::ReportText(dry);
  const std::string text = legacy::ReportText(dry) + json::serialize(legacy::ReportJson(dry));
  for (const std::string* v :
       std::vector<const std::string*>{&v1, &v2, &twin_a, &twin_b, &kept, &other_value, &foreign_value}) {
    EXPECT_EQ(text.find(*v), std::string::npos) << "a key value is quoted in the report";
  }

  auto applied = Run(*data, false);
  EXPECT_EQ(Kinds(applied), Kinds(dry));
  EXPECT_FALSE(UserByEmail("ghost@a.example")->api_key_id);
  EXPECT_FALSE(UserByEmail("foreign@a.example")->api_key_id);
  EXPECT_EQ(UserByEmail("good@a.example")->api_key_id, k2);
  EXPECT_EQ(SecretOf(k2), v2);            // registered under the key it belongs to …
  EXPECT_FALSE(SecretOf(k1));             // … never under the key its document named
  EXPECT_EQ(SecretOf(registered), kept);  // the portal keeps the value it has
}

// A store whose users table refuses one email, as a database failing halfway would.
class FailingUsers final : public domain::UserRepository {
 public:
  FailingUsers(domain::UserRepository& inner, std::string email) : inner_(inner), email_(std::move(email)) {}
  Status Insert(const domain::User& user) override {
    if (user.email == email_) return Fail(Error::Internal("injected failure"));
    return inner_.Insert(user);
  }
  Result<domain::User> FindById(std::string_view id) override { return inner_.FindById(id); }
  Result<std::vector<domain::User>> FindByIds(std::span<const std::string> ids) override {
    return inner_.FindByIds(ids);
  }
  Result<domain::SessionUser> FindBySession(std::string_view id) override { return inner_.FindBySession(id); }
  Result<domain::User> FindByEmail(std::string_view e) override { return inner_.FindByEmail(e); }
  Result<domain::User> FindByApiKeyId(std::string_view id) override { return inner_.FindByApiKeyId(id); }
  Result<std::vector<domain::User>> ListHoldersInWorkspace(std::string_view id) override {
    return inner_.ListHoldersInWorkspace(id);
  }
  Result<domain::Page<domain::ListedUser>> List(const domain::UserQuery& q) override { return inner_.List(q); }
  Status Update(const domain::User& user) override { return inner_.Update(user); }
  Status Delete(std::string_view id) override { return inner_.Delete(id); }
  Result<std::int64_t> Count() override { return inner_.Count(); }

 private:
  domain::UserRepository& inner_;
  std::string email_;
};

class FailingTx final : public domain::Tx {
 public:
  FailingTx(domain::Tx& inner, const std::string& email) : inner_(inner), users_(inner.Users(), email) {}
  domain::OrganizationRepository& Organizations() override { return inner_.Organizations(); }
  domain::UserRepository& Users() override { return users_; }
  domain::SessionRepository& Sessions() override { return inner_.Sessions(); }
  domain::AuditRepository& Audit() override { return inner_.Audit(); }
  domain::SettingsRepository& Settings() override { return inner_.Settings(); }
  domain::WorkspaceRepository& Workspaces() override { return inner_.Workspaces(); }
  domain::ApiKeyRepository& ApiKeys() override { return inner_.ApiKeys(); }
  domain::SyncRunRepository& SyncRuns() override { return inner_.SyncRuns(); }
  domain::PromptRepository& Prompts() override { return inner_.Prompts(); }
  domain::LegacyIdRepository& LegacyIds() override { return inner_.LegacyIds(); }
  domain::LoginThrottleRepository& LoginThrottle() override { return inner_.LoginThrottle(); }
  domain::LimitSettingRepository& LimitSettings() override { return inner_.LimitSettings(); }
  domain::UsageRepository& Usage() override { return inner_.Usage(); }

 private:
  domain::Tx& inner_;
  FailingUsers users_;
};

class FailingStore final : public domain::Store {
 public:
  FailingStore(domain::Store& inner, std::string email) : inner_(inner), email_(std::move(email)) {}
  Status Write(const std::function<Status(domain::Tx&)>& fn) override {
    return inner_.Write([&](domain::Tx& tx) {
      FailingTx failing(tx, email_);
      return fn(failing);
    });
  }
  Status Read(const std::function<Status(domain::Tx&)>& fn) override { return inner_.Read(fn); }
  Status Ping() override { return inner_.Ping(); }
  std::string_view Backend() const override { return inner_.Backend(); }
  std::int64_t ErrorCount() const override { return inner_.ErrorCount(); }

 private:
  domain::Store& inner_;
  std::string email_;
};

TEST_P(LegacyMessyImport, AFailureOnTheLastUserLeavesTheDatabaseExactlyAsBefore) {
  auto data = legacy::ReadExport(Export());
  ASSERT_TRUE(data) << data.error().message;
  const std::string before = DatabaseSnapshot::Of(portal->Store());
  FailingStore failing(portal->Store(), "second@a.example");
  SystemClock clock;
  domain::LegacyImportService service(failing, portal->Vault(), nullptr, nullptr, clock);
  auto report = service.Run(Cli(), *data, {.dry_run = false, .sync_first = false});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInternal);
  EXPECT_EQ(DatabaseSnapshot::Of(portal->Store()), before);
  // The same export then imports as a whole.
  auto applied = Run(*data, false);
  EXPECT_TRUE(applied.changed);
  EXPECT_TRUE(UserByEmail("second@a.example"));
}

TEST_P(LegacyMessyImport, OnlyASuperAdminMayImport) {
  auto data = legacy::ReadExport(Export());
  ASSERT_TRUE(data);
  domain::Actor admin;
  admin.user_id = "usr_x";
  admin.role = domain::Role::kAdmin;
  admin.organization_id = "org_x";
  auto report = portal->LegacyImport().Run(admin, *data, {});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kForbidden);
}

TEST_P(LegacyMessyImport, TheApiRunsTheSameImportForASuperAdminOnlyAndTakesLargeExports) {
  json::object files;
  for (const auto& [name, text] : Export()) files[name] = text;
  // Padding: a large export is more than the 1 MiB other routes accept.
  files["simpleusers.json"] = std::string(files["simpleusers.json"].as_string()) + std::string(2 * 1024 * 1024, '\n');
  const std::string body = json::serialize(json::object{{"dryRun", true}, {"files", files}});
  const std::string super = MakeSuperAdmin();
  const std::string before = DatabaseSnapshot::Of(portal->Store());
  auto dry = Call("POST", "/api/v1/import/legacy-mongo", super, body);
  ASSERT_EQ(dry.status, 200) << dry.body.substr(0, 500);
  EXPECT_EQ(dry.Json().at("dryRun"), true);
  EXPECT_EQ(dry.Json().at("counts").at("users").at("created"), 7);
  EXPECT_EQ(dry.Json().at("problems").as_array().size(), 10u);
  auto strip_audit = [](const std::string& s) { return s.substr(0, s.find("audit ")); };
  EXPECT_EQ(strip_audit(DatabaseSnapshot::Of(portal->Store())), strip_audit(before));
  // The same size elsewhere is refused.
  EXPECT_EQ(Call("POST", "/api/v1/organizations", super, body).status, 413);

  auto apply = Call("POST", "/api/v1/import/legacy-mongo", super,
                    json::serialize(json::object{{"dryRun", false}, {"files", files}}));
  ASSERT_EQ(apply.status, 200) << apply.body.substr(0, 500);
  EXPECT_EQ(apply.Json().at("changed"), true);
  EXPECT_EQ(UserByEmail("invented@a.example")->api_key_id, k2);

  auto broken = Call("POST", "/api/v1/import/legacy-mongo", super,
                     json::serialize(json::object{{"files", {{"prompts.json", "{\"_id\": 1}\n{oops}\n"}}}}));
  EXPECT_EQ(broken.status, 400);
  EXPECT_EQ(broken.ErrorCode(), "invalid_export");
  EXPECT_NE(broken.body.find("prompts.json line 2"), std::string::npos) << broken.body;
  EXPECT_EQ(Call("POST", "/api/v1/import/legacy-mongo", super, R"({"files": {"simpleusers.json": 5}})").status, 400);
  EXPECT_EQ(Call("POST", "/api/v1/import/legacy-mongo", super, R"({"dryRun": true})").status, 400);

  auto org = CreateOrganization("Tenant");
  CreateUser("admin@tenant.example", domain::Role::kAdmin, org);
  auto admin = LoginCli("admin@tenant.example").access;
  EXPECT_EQ(Call("POST", "/api/v1/import/legacy-mongo", admin, R"({"files": {}})").status, 403);
  EXPECT_EQ(Call("POST", "/api/v1/import/legacy-mongo", "", R"({"files": {}})").status, 401);
}

PORTAL_INSTANTIATE_BACKENDS(LegacyFixtureImport);
PORTAL_INSTANTIATE_BACKENDS(LegacyMessyImport);

}  // namespace
}  // namespace portal::testing
