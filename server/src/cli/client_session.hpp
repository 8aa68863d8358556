#pragma once
// The client side of the portal's public HTTP API (R-C1..R-C3) for `portal login`, `whoami`,
// `key`, `prompts`, `prompt get` and `logout`. Uses libcurl and Boost.JSON only: a client tool
// must work against any portal it can reach, so nothing here includes storage/ or http/.
//
// Credentials live in $XDG_CONFIG_HOME/appgenius/credentials (default ~/.config/appgenius/…),
// mode 0600 in a 0700 directory, written atomically. An expired access token is refreshed with
// the stored refresh token before a call (and once more after a 401); the rotated pair replaces
// the old one. Not thread-safe (one command at a time).

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"

namespace portal::cli {

struct Credentials {
  std::string url;  // base URL without a trailing slash, e.g. http://127.0.0.1:8080
  std::string email;
  std::string access_token;
  std::string refresh_token;
  std::int64_t access_expires_at = 0;  // Unix seconds
};

struct HttpReply {
  long status = 0;
  std::string body;
};

// One HTTP exchange (30 s timeout); kUnavailable when the portal cannot be reached.
Result<HttpReply> HttpCall(const std::string& method, const std::string& url, const std::string& body,
                           const std::string& bearer = {});

// The API error of a reply as a message for people: "message (code)", or the HTTP status.
Error ApiFailure(const HttpReply& reply);

std::string CredentialsPath();  // empty when neither XDG_CONFIG_HOME nor HOME is set
Result<std::optional<Credentials>> LoadCredentials();
Status SaveCredentials(const Credentials& credentials);
Status RemoveCredentials();

// Logs in with email and password (client "cli") and stores the tokens; returns the user JSON.
Result<boost::json::object> Login(const std::string& url, const std::string& email, const std::string& password);

// Calls an API path ("/api/v1/me") as the stored user, refreshing as needed.
// kUnauthenticated with a "run portal login" hint when there is no usable session.
Result<HttpReply> AuthedCall(const std::string& method, const std::string& path, const std::string& body = {});

// Revokes the session on the portal (best effort) and removes the stored credentials.
Status Logout();

}  // namespace portal::cli
