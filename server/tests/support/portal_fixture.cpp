#include "support/portal_fixture.hpp"

#include <filesystem>

#include "core/ids.hpp"
#include "domain/user_service.hpp"

namespace portal::testing {

std::string BackendName(const ::testing::TestParamInfo<storage::Backend>& info) {
  return info.param == storage::Backend::kSqlite ? "Sqlite" : "Postgres";
}

void PortalTest::SetUp() {
  if (GetParam() == storage::Backend::kPostgres && !storage::TemporaryDatabase::PostgresAvailable()) {
    GTEST_SKIP() << "PORTAL_TEST_DATABASE_URL is not set (make test starts a PostgreSQL)";
  }
  auto db = storage::TemporaryDatabase::Create(GetParam());
  ASSERT_TRUE(db) << db.error().message << " " << db.error().detail;
  database.emplace(std::move(*db));
  data_dir = (std::filesystem::temp_directory_path() / NewId("portal-test")).string();
  app::Config config;
  config.listen = "127.0.0.1:0";
  config.data_dir = data_dir;
  config.database_url = database->Url();
  config.master_key_file = data_dir + "/master.key";
  config.jwt_key_file = data_dir + "/jwt.key";
  config.web_dir = data_dir + "/web";
  config.argon2_memory_kib = 19456;
  config.argon2_iterations = 2;
  config.io_threads = 2;
  config.worker_threads = 8;
  config.log_level = "warn";
  Configure(config);
  auto opened = app::Portal::Open(config);
  ASSERT_TRUE(opened) << opened.error().message << " " << opened.error().detail;
  portal = std::move(*opened);
  auto started = portal->Start();
  ASSERT_TRUE(started) << started.error().message;
  client = std::make_unique<HttpClient>("http://127.0.0.1:" + std::to_string(portal->Port()));
}

void PortalTest::TearDown() {
  if (portal) portal->Stop();
  portal.reset();
  database.reset();
  std::error_code ec;
  if (!data_dir.empty()) std::filesystem::remove_all(data_dir, ec);
}

std::string PortalTest::CreateOrganization(const std::string& name) {
  domain::Organization org{NewId("org"), name, "", 1, 1};
  auto written = portal->Store().Write([&](domain::Tx& tx) { return tx.Organizations().Insert(org); });
  EXPECT_TRUE(written);
  return org.id;
}

std::string PortalTest::CreateUser(const std::string& email, domain::Role role,
                                   const std::optional<std::string>& org_id, const std::string& password) {
  domain::CreateUserRequest request{"テスト ユーザー", email, role, org_id, password, std::nullopt};
  auto created = portal->Users().Create(domain::SystemActor("test"), request);
  EXPECT_TRUE(created) << (created ? "" : created.error().message);
  return created ? created->user.user.id : std::string();
}

LoginTokens PortalTest::LoginCli(const std::string& email, const std::string& password) {
  boost::json::object body{{"email", email}, {"password", password}, {"client", "cli"}};
  auto result = client->Post("/api/v1/auth/login", boost::json::serialize(body));
  EXPECT_EQ(result.status, 200) << result.body;
  auto json = result.Json();
  if (!json.is_object()) return {};
  auto& o = json.as_object();
  return {std::string(o["accessToken"].as_string()), std::string(o["refreshToken"].as_string())};
}

}  // namespace portal::testing
