#pragma once
// The HTTP seam under AnthropicAdminClient: one request in, one response (any status) or a
// transport failure out. No retries, no JSON here. CurlTransport is the real one; tests fake it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <expected>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace portal::anthropic {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "GET" | "POST" | "DELETE"
  std::string url;     // absolute, query included
  Headers headers;     // may hold secrets: never log them
  std::string body;    // sent when non-empty (or when method is POST)
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // the whole exchange
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;

  // First value of a header (name in lower case), if present.
  std::optional<std::string_view> Header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
      if (name == lower_name) return std::string_view(value);
    }
    return std::nullopt;
  }
};

enum class TransportFailure {
  kConnect,    // could not resolve / connect / handshake: the request never left
  kTimeout,    // connect or whole-call timeout
  kReset,      // connection dropped or response cut short after the request was (maybe) sent
  kTls,        // certificate verification failed: a configuration problem, not retried
  kCancelled,  // Cancellation::Cancel(): the portal is stopping; not retried
  kOther,      // anything else (bad URL, out of memory, …)
};

struct TransportError {
  TransportFailure kind = TransportFailure::kOther;
  bool request_sent = true;  // false only when it is certain that no byte of the request was sent
  std::string detail;        // library text for the log; must not contain headers
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Thread-safe.
  virtual std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) = 0;
};

// Ends the Anthropic calls of every client sharing it when the portal stops: transfers in flight
// abort, waits between retries wake, later calls fail at once. Thread-safe; Cancel is final.
class Cancellation {
 public:
  void Cancel();
  bool Cancelled() const { return cancelled_.load(); }
  // Waits for `duration` unless cancelled first; false when cancelled.
  bool WaitFor(std::chrono::milliseconds duration);

 private:
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::condition_variable cancelled_cv_;
};

// libcurl, TLS verified, proxy from the environment (HTTPS_PROXY, NO_PROXY), connections reused
// through a small pool of easy handles. A transfer in flight ends within ~1 s of Cancel().
std::unique_ptr<HttpTransport> MakeCurlTransport(std::shared_ptr<Cancellation> cancellation = nullptr);

// Waiting between retries goes through here so that tests do not sleep.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepFor(std::chrono::milliseconds duration) = 0;
};

// Sleeps for real; wakes early when its cancellation (if any) is cancelled.
class RealSleeper final : public Sleeper {
 public:
  explicit RealSleeper(std::shared_ptr<Cancellation> cancellation = nullptr) : cancellation_(std::move(cancellation)) {}
  void SleepFor(std::chrono::milliseconds duration) override;

 private:
  std::shared_ptr<Cancellation> cancellation_;
};

}  // namespace portal::anthropic
