#pragma once
// A small libcurl client for integration tests: real HTTP to the portal on 127.0.0.1.

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

namespace portal::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string Header(const std::string& name) const;
  boost::json::value Json() const;  // null when the body is not JSON
  std::string ErrorCode() const;    // error.code of an API error body
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  HttpResult Send(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::vector<std::string>& headers = {}) const;
  HttpResult Get(const std::string& path, const std::vector<std::string>& headers = {}) const {
    return Send("GET", path, "", headers);
  }
  HttpResult Post(const std::string& path, const std::string& body,
                  const std::vector<std::string>& headers = {}) const {
    return Send("POST", path, body, headers);
  }
  const std::string& BaseUrl() const { return base_url_; }
  // Connect from this local address (another 127.0.0.0/8 address plays another host).
  void SetSourceAddress(std::string address) { source_address_ = std::move(address); }

 private:
  std::string base_url_;
  std::string source_address_;
};

std::string Bearer(const std::string& token);

}  // namespace portal::testing
