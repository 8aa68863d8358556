#include "cli/client_session.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace portal::cli {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

constexpr long kTimeoutSeconds = 30;
constexpr std::int64_t kExpirySlackSeconds = 30;  // refresh a little early: clocks and latency differ
constexpr const char* kLoginHint = "run: portal login --url URL";

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string TrimSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::optional<std::string> StringField(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

// Applies a token response ({accessToken, expiresIn, refreshToken}) to the credentials.
Status TakeTokens(const HttpReply& reply, Credentials& credentials, json::object* user = nullptr) {
  boost::system::error_code ec;
  auto parsed = json::parse(reply.body, ec);
  if (ec || !parsed.is_object()) return Fail(Error::Internal("the portal sent an unreadable token response"));
  const auto& o = parsed.as_object();
  auto access = StringField(o, "accessToken");
  auto refresh = StringField(o, "refreshToken");
  if (!access || !refresh) return Fail(Error::Internal("the portal sent no tokens"));
  std::int64_t expires_in = 600;
  if (const auto* e = o.if_contains("expiresIn"); e && e->is_int64()) expires_in = e->as_int64();
  credentials.access_token = *access;
  credentials.refresh_token = *refresh;
  credentials.access_expires_at = NowSeconds() + expires_in;
  if (user) {
    if (const auto* u = o.if_contains("user"); u && u->is_object()) *user = u->as_object();
  }
  return {};
}

Status Refresh(Credentials& credentials) {
  auto reply = HttpCall("POST", credentials.url + "/api/v1/auth/refresh",
                        json::serialize(json::object{{"refreshToken", credentials.refresh_token}}));
  if (!reply) return Fail(reply.error());
  if (reply->status == 401 || reply->status == 400) {
    // The refresh token is spent or revoked: nothing left to use. A file that cannot be removed
    // only fails the same way next time, so the message stays the same and the detail says why.
    auto expired = Error::Unauthenticated(std::string("your session has expired; ") + kLoginHint);
    if (auto removed = RemoveCredentials(); !removed) expired.detail = removed.error().message;
    return Fail(std::move(expired));
  }
  if (reply->status != 200) return Fail(ApiFailure(*reply));
  if (auto ok = TakeTokens(*reply, credentials); !ok) return ok;
  return SaveCredentials(credentials);
}

}  // namespace

Result<HttpReply> HttpCall(const std::string& method, const std::string& url, const std::string& body,
                           const std::string& bearer) {
  CURL* curl = curl_easy_init();
  if (!curl) return Fail(Error::Internal("libcurl could not start"));
  HttpReply reply;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  if (!body.empty()) headers = curl_slist_append(headers, "Content-Type: application/json");
  const std::string authorization = "Authorization: Bearer " + bearer;
  if (!bearer.empty()) headers = curl_slist_append(headers, authorization.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kTimeoutSeconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "appgenius-portal-cli/" PORTAL_VERSION);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  if (!body.empty() || method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Fail(Error::Unavailable("cannot reach the portal at " + url.substr(0, url.find("/api/")) + ": " +
                                   curl_easy_strerror(rc)));
  }
  return reply;
}

Error ApiFailure(const HttpReply& reply) {
  boost::system::error_code ec;
  auto parsed = json::parse(reply.body, ec);
  const auto* error = !ec && parsed.is_object() ? parsed.as_object().if_contains("error") : nullptr;
  if (error && error->is_object()) {
    auto message = StringField(error->as_object(), "message").value_or("request failed");
    auto code = StringField(error->as_object(), "code").value_or("error");
    ErrorCode kind = reply.status == 401   ? ErrorCode::kUnauthenticated
                     : reply.status == 403 ? ErrorCode::kForbidden
                     : reply.status == 404 ? ErrorCode::kNotFound
                                           : ErrorCode::kInvalidArgument;
    return Error{kind, message + " (" + code + ")"};
  }
  return Error{ErrorCode::kUpstream, "the portal answered HTTP " + std::to_string(reply.status)};
}

std::string CredentialsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return (fs::path(xdg) / "appgenius" / "credentials").string();
  const char* home = std::getenv("HOME");
  if (home && *home) return (fs::path(home) / ".config" / "appgenius" / "credentials").string();
  return {};
}

Result<std::optional<Credentials>> LoadCredentials() {
  const auto path = CredentialsPath();
  if (path.empty()) return Fail(Error::InvalidArgument("set HOME or XDG_CONFIG_HOME to keep credentials"));
  std::ifstream in(path);
  if (!in) return std::optional<Credentials>();
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto parsed = json::parse(text.str(), ec);
  if (ec || !parsed.is_object()) {
    return Fail(Error::InvalidArgument("the credentials file " + path + " is damaged; " + kLoginHint));
  }
  const auto& o = parsed.as_object();
  Credentials c;
  c.url = StringField(o, "url").value_or("");
  c.email = StringField(o, "email").value_or("");
  c.access_token = StringField(o, "accessToken").value_or("");
  c.refresh_token = StringField(o, "refreshToken").value_or("");
  if (const auto* e = o.if_contains("accessExpiresAt"); e && e->is_int64()) c.access_expires_at = e->as_int64();
  if (c.url.empty() || c.refresh_token.empty()) return std::optional<Credentials>();
  return std::optional<Credentials>(std::move(c));
}

Status SaveCredentials(const Credentials& c) {
  const auto path = CredentialsPath();
  if (path.empty()) return Fail(Error::InvalidArgument("set HOME or XDG_CONFIG_HOME to keep credentials"));
  const fs::path dir = fs::path(path).parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail(Error::InvalidArgument("cannot create " + dir.string() + ": " + ec.message()));
  ::chmod(dir.c_str(), 0700);
  const std::string text = json::serialize(json::object{{"url", c.url},
                                                        {"email", c.email},
                                                        {"accessToken", c.access_token},
                                                        {"refreshToken", c.refresh_token},
                                                        {"accessExpiresAt", c.access_expires_at}}) +
                           "\n";
  // Written to a 0600 temporary file and renamed over the old one: never readable by others,
  // never half-written.
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(Error::InvalidArgument("cannot write " + tmp));
  ::fchmod(fd, 0600);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Fail(Error::InvalidArgument("cannot write " + path));
  }
  return {};
}

Status RemoveCredentials() {
  const auto path = CredentialsPath();
  if (path.empty()) return {};
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return Fail(Error::InvalidArgument("cannot remove " + path + ": " + ec.message()));
  return {};
}

Result<json::object> Login(const std::string& url, const std::string& email, const std::string& password) {
  Credentials c;
  c.url = TrimSlash(url);
  c.email = email;
  if (!c.url.starts_with("http://") && !c.url.starts_with("https://")) {
    return Fail(Error::InvalidArgument("--url must start with http:// or https://"));
  }
  auto reply = HttpCall("POST", c.url + "/api/v1/auth/login",
                        json::serialize(json::object{{"email", email}, {"password", password}, {"client", "cli"}}));
  if (!reply) return Fail(reply.error());
  if (reply->status != 200) return Fail(ApiFailure(*reply));
  json::object user;
  if (auto ok = TakeTokens(*reply, c, &user); !ok) return Fail(ok.error());
  if (auto ok = SaveCredentials(c); !ok) return Fail(ok.error());
  return user;
}

Result<HttpReply> AuthedCall(const std::string& method, const std::string& path, const std::string& body) {
  auto loaded = LoadCredentials();
  if (!loaded) return Fail(loaded.error());
  if (!*loaded) return Fail(Error::Unauthenticated(std::string("not logged in; ") + kLoginHint));
  Credentials c = std::move(**loaded);
  if (c.access_token.empty() || c.access_expires_at - kExpirySlackSeconds <= NowSeconds()) {
    if (auto ok = Refresh(c); !ok) return Fail(ok.error());
  }
  auto reply = HttpCall(method, c.url + path, body, c.access_token);
  if (!reply) return reply;
  if (reply->status == 401) {  // revoked or expired early (e.g. a skewed clock): one refresh, one retry
    if (auto ok = Refresh(c); !ok) return Fail(ok.error());
    reply = HttpCall(method, c.url + path, body, c.access_token);
  }
  return reply;
}

Status Logout() {
  auto loaded = LoadCredentials();
  if (!loaded) return Fail(loaded.error());
  if (!*loaded) return {};
  const Credentials& c = **loaded;
  // The refresh token names the session whatever the state of the access token.
  auto reply =
      HttpCall("POST", c.url + "/api/v1/auth/logout", json::serialize(json::object{{"refreshToken", c.refresh_token}}));
  auto removed = RemoveCredentials();
  if (!reply) return Fail(reply.error());
  if (reply->status != 204 && reply->status != 200 && reply->status != 401) return Fail(ApiFailure(*reply));
  return removed;
}

}  // namespace portal::cli
