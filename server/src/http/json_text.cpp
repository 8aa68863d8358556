#include "http/json_text.hpp"

#include <charconv>

#include "core/clock.hpp"
#include "core/log.hpp"

namespace portal::http {

void JsonObjectText::Key(std::string_view key) {
  if (!first_) out_.push_back(',');
  first_ = false;
  out_.push_back('"');
  out_ += key;
  out_ += "\":";
}

JsonObjectText& JsonObjectText::String(std::string_view key, std::string_view value) {
  Key(key);
  log::AppendJsonString(out_, value);
  return *this;
}

JsonObjectText& JsonObjectText::NullableString(std::string_view key, const std::optional<std::string>& value) {
  if (!value) {
    Key(key);
    out_ += "null";
    return *this;
  }
  return String(key, *value);
}

JsonObjectText& JsonObjectText::Bool(std::string_view key, bool value) {
  Key(key);
  out_ += value ? "true" : "false";
  return *this;
}

JsonObjectText& JsonObjectText::Int(std::string_view key, std::int64_t value) {
  Key(key);
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

JsonObjectText& JsonObjectText::Time(std::string_view key, std::optional<std::int64_t> ms) {
  Key(key);
  if (!ms) {
    out_ += "null";
    return *this;
  }
  out_.push_back('"');
  AppendRfc3339Millis(out_, *ms);
  out_.push_back('"');
  return *this;
}

std::string& JsonObjectText::Member(std::string_view key) {
  Key(key);
  return out_;
}

}  // namespace portal::http
