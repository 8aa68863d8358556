// The prompt template renderer: placeholders found, filled, reported missing; values are inserted
// verbatim and never scanned again. Input: <template> NUL <name> NUL <value> NUL <name> …

#include <algorithm>
#include <map>
#include <string>

#include "domain/prompt.hpp"
#include "fuzz_support.hpp"

using namespace portal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = fuzz::Parts(fuzz::AsText(data, size), 9);
  const std::string_view content = parts[0];
  std::map<std::string, std::string> given;
  for (std::size_t i = 1; i + 1 < parts.size(); i += 2) given[std::string(parts[i])] = std::string(parts[i + 1]);

  const auto names = domain::PromptVariables(content);
  for (const auto& name : names) FUZZ_CHECK(!name.empty() && name.size() <= 128);

  // Nothing given: every placeholder is missing, and the text is unchanged.
  auto bare = domain::RenderPromptTemplate(content, {});
  FUZZ_CHECK(bare.missing == names);
  FUZZ_CHECK(bare.content == content);

  // Everything given, with a value that looks like a placeholder itself: nothing missing (the
  // value is not filled in again).
  std::map<std::string, std::string> all;
  for (const auto& name : names) all[name] = "{{" + name + "}}";
  auto filled = domain::RenderPromptTemplate(content, all);
  FUZZ_CHECK(filled.missing.empty());

  // What the input gives: whatever is missing is a placeholder that was not given.
  auto rendered = domain::RenderPromptTemplate(content, given);
  for (const auto& name : rendered.missing) {
    FUZZ_CHECK(std::find(names.begin(), names.end(), name) != names.end());
    FUZZ_CHECK(!given.contains(name));
  }
  return 0;
}
