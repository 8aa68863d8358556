#pragma once
// Starts a real portal (app::Portal) on 127.0.0.1 with a fresh database per test, on SQLite or
// PostgreSQL (value-parameterised). Argon2 runs at its floor parameters to keep tests quick.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "app/portal.hpp"
#include "storage/testing.hpp"
#include "support/http_client.hpp"

namespace portal::testing {

struct LoginTokens {
  std::string access;
  std::string refresh;
};

class PortalTest : public ::testing::TestWithParam<storage::Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  // Hook to change the configuration before the portal starts.
  virtual void Configure(app::Config&) {}

  // Creates a user directly through the domain (no HTTP) and returns its id.
  std::string CreateUser(const std::string& email, domain::Role role, const std::optional<std::string>& org_id,
                         const std::string& password = "correct horse battery");
  std::string CreateOrganization(const std::string& name);
  LoginTokens LoginCli(const std::string& email, const std::string& password = "correct horse battery");

  std::unique_ptr<HttpClient> client;
  std::unique_ptr<app::Portal> portal;
  std::optional<storage::TemporaryDatabase> database;
  std::string data_dir;
};

std::string BackendName(const ::testing::TestParamInfo<storage::Backend>& info);

#define PORTAL_INSTANTIATE_BACKENDS(Suite)                                                                            \
  INSTANTIATE_TEST_SUITE_P(                                                                                           \
      Backends, Suite, ::testing::Values(::portal::storage::Backend::kSqlite, ::portal::storage::Backend::kPostgres), \
      ::portal::testing::BackendName)

}  // namespace portal::testing
