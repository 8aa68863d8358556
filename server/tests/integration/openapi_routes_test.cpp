// The OpenAPI document covers the router (API.md: "the full, exact contract lives in the project as
// an OpenAPI 3.1 document"): every route a started portal registers has its path and method in
// the served /api/v1/openapi.yaml, and the document names no operation the portal lacks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

#include "support/portal_fixture.hpp"

namespace portal::testing {
namespace {

using OpenApiRoutes = PortalTest;
INSTANTIATE_TEST_SUITE_P(Sqlite, OpenApiRoutes, ::testing::Values(storage::Backend::kSqlite), BackendName);

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

// "METHOD /path" of every operation under `paths:`. The document is written in one block style:
// a path is a key indented by two spaces, its operations keys indented by four.
std::set<std::string> DocumentedOperations(const std::string& yaml) {
  static const std::set<std::string> kMethods = {"get", "put", "post", "patch", "delete", "head", "options"};
  std::set<std::string> out;
  std::istringstream lines(yaml);
  std::string line, path;
  bool in_paths = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (line.front() != ' ') {  // a top-level key
      in_paths = line == "paths:";
      continue;
    }
    if (!in_paths || line.back() != ':') continue;
    if (line.starts_with("  /")) {
      path = line.substr(2, line.size() - 3);
    } else if (line.starts_with("    ") && line[4] != ' ' && kMethods.contains(line.substr(4, line.size() - 5))) {
      out.insert(Upper(line.substr(4, line.size() - 5)) + " " + path);
    }
  }
  return out;
}

TEST_P(OpenApiRoutes, EveryRouteIsDocumentedAndEveryOperationIsRouted) {
  auto served = client->Get("/api/v1/openapi.yaml");
  ASSERT_EQ(served.status, 200) << served.body;
  const auto documented = DocumentedOperations(served.body);
  ASSERT_GT(documented.size(), 10U) << "the document's paths could not be read";

  const auto& routes = portal->Routes();
  ASSERT_FALSE(routes.empty());
  for (const auto& route : routes) {
    EXPECT_TRUE(documented.contains(route)) << "registered but not in docs/api/openapi.yaml: " << route;
  }
  const std::set<std::string> routed(routes.begin(), routes.end());
  for (const auto& operation : documented) {
    EXPECT_TRUE(routed.contains(operation)) << "in docs/api/openapi.yaml but not registered: " << operation;
  }
  std::cout << "[openapi] " << routes.size() << " routes, " << documented.size() << " documented operations\n";
}

}  // namespace
}  // namespace portal::testing
