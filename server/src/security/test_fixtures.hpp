#pragma once
// Test-only: reads files from server/tests/fixtures (PORTAL_FIXTURES_DIR).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace portal::security::testing {

// The whole file, or "" with a test failure when it is missing.
inline std::string ReadFixture(const std::string& relative) {
  const std::filesystem::path path = std::filesystem::path(PORTAL_FIXTURES_DIR) / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "missing fixture " << path << "";
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace portal::security::testing
