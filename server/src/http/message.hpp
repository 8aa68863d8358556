#pragma once
// The HTTP layer's own request/response types. Handlers see only these; Boost.Beast stays inside
// server.cpp so that handlers (and the emulator) compile without it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view ToString(Method method);

using HeaderList = std::vector<std::pair<std::string, std::string>>;  // names lower-case

struct Request {
  Method method = Method::kGet;
  std::string target;  // as received: path + "?" + query
  std::string path;    // percent-decoded path
  std::string query;   // raw query string without '?'
  HeaderList headers;
  std::string body;
  std::string remote_address;    // the client: the peer, or what a trusted proxy says it is
  std::string peer_address;      // the TCP peer
  bool forwarded_https = false;  // a trusted proxy says the client used https (X-Forwarded-Proto)
  std::string request_id;
  std::vector<std::pair<std::string, std::string>> path_params;  // from the route pattern
  std::string route;  // the matched pattern, e.g. "/api/v1/users/{id}" (for metrics/logs)

  // Case-insensitive; empty when absent.
  std::string_view Header(std::string_view name) const;
  // Percent-decoded query parameter; nullopt when absent.
  std::optional<std::string> Query(std::string_view name) const;
  std::string_view PathParam(std::string_view name) const;
  // The value of a cookie; nullopt when absent.
  std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  HeaderList headers;
  // Close the connection (with a TCP reset) instead of answering; for fault injection only.
  bool abort_connection = false;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();
  Response& SetHeader(std::string name, std::string value);
  std::string_view Header(std::string_view name) const;
};

// Percent-decodes a URL component ('+' becomes a space when `plus_is_space`).
std::string PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace portal::http
