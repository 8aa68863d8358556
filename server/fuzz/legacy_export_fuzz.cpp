// The reader of the old portal's MongoDB export: mongoexport's line and array forms, Extended JSON,
// BOMs and line endings, and documents of any shape. A secret read from the export is never
// quoted in what the reader reports.
// Input: <simpleorganizations> NUL <simpleusers> NUL <anthropicapikeys> NUL <prompts>.

#include <map>
#include <string>

#include "fuzz_support.hpp"
#include "legacy/mongo_export.hpp"

using namespace portal;

namespace {

// A key value that appears once in the whole export: no other field holds the same text, so a
// report that quotes it quoted the secret.
bool IsLoneKey(const std::string& value, std::string_view input) {
  if (!value.starts_with("sk-ant-") || value.size() < 12) return false;
  auto first = input.find(value);
  return first != std::string_view::npos && input.find(value, first + 1) == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::AsText(data, size);
  auto parts = fuzz::Parts(input, std::size(legacy::kCollections));
  std::map<std::string, std::string> files;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    files[std::string(legacy::kCollections[i]) + ".json"] = std::string(parts[i]);
  }
  auto exported = legacy::ReadExport(files);
  if (!exported) {
    FUZZ_CHECK(exported.error().code == ErrorCode::kInvalidArgument);
    FUZZ_CHECK(exported.error().message.find(".json") != std::string::npos);
    return 0;
  }
  FUZZ_CHECK(exported->missing_files.size() == std::size(legacy::kCollections) - parts.size());
  std::vector<std::string> secrets;
  for (const auto& user : exported->users) {
    FUZZ_CHECK(user.line >= 1);
    if (user.api_key_value && IsLoneKey(*user.api_key_value, input)) secrets.push_back(*user.api_key_value);
  }
  for (const auto& key : exported->api_keys) {
    FUZZ_CHECK(key.line >= 1);
    if (key.value && IsLoneKey(*key.value, input)) secrets.push_back(*key.value);
  }
  for (const auto& problem : exported->read_problems) {
    FUZZ_CHECK(!problem.collection.empty() && !problem.message.empty());
    for (const auto& secret : secrets) FUZZ_CHECK(problem.message.find(secret) == std::string::npos);
  }
  return 0;
}
