#pragma once
// JSON text written straight into a response body, for rows a list renders many times per request
// (GET /users): no Boost.JSON values are built first. Strings are escaped by log::AppendJsonString;
// what is written parses to the values the Boost.JSON rendering of the same row gives.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace portal::http {

// Writes one object's members in the order they are given: `{"a":…,"b":…}`. Keys are the
// caller's literals (written as they are); values are escaped.
class JsonObjectText {
 public:
  explicit JsonObjectText(std::string& out) : out_(out) { out_.push_back('{'); }

  JsonObjectText& String(std::string_view key, std::string_view value);
  JsonObjectText& NullableString(std::string_view key, const std::optional<std::string>& value);  // null when absent
  JsonObjectText& Bool(std::string_view key, bool value);
  JsonObjectText& Int(std::string_view key, std::int64_t value);
  // A timestamp (milliseconds since the epoch) as RFC 3339 text; null when absent.
  JsonObjectText& Time(std::string_view key, std::optional<std::int64_t> ms);
  // The body to append a member's value to (an object or array the caller writes).
  std::string& Member(std::string_view key);
  void Close() { out_.push_back('}'); }

 private:
  void Key(std::string_view key);
  std::string& out_;
  bool first_ = true;
};

}  // namespace portal::http
