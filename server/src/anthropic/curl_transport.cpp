// libcurl behind HttpTransport. Easy handles are pooled (not shared between threads at the same
// time) so that each keeps its connection cache: consecutive page requests reuse one TCP/TLS
// connection. Proxies come from the environment because CURLOPT_PROXY is never set.

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <thread>
#include <vector>

#include "anthropic/transport.hpp"

namespace portal::anthropic {
namespace {

constexpr std::size_t kMaxIdleHandles = 8;

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* headers = static_cast<Headers*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();  // a new response (after 100-continue): keep only the last one's headers
  } else if (auto colon = line.find(':'); colon != std::string_view::npos) {
    headers->emplace_back(Lower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// libcurl asks about once a second (and on every chunk): a non-zero answer aborts the transfer.
int OnProgress(void* data, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancellation = static_cast<const Cancellation*>(data);
  return cancellation != nullptr && cancellation->Cancelled() ? 1 : 0;
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(std::shared_ptr<Cancellation> cancellation) : cancellation_(std::move(cancellation)) {
    GlobalInit();
  }
  ~CurlTransport() override {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  std::expected<HttpResponse, TransportError> Send(const HttpRequest& request) override {
    if (cancellation_ && cancellation_->Cancelled()) {
      return std::unexpected(TransportError{TransportFailure::kCancelled, false, "cancelled: the portal is stopping"});
    }
    CURL* handle = Acquire();
    if (handle == nullptr)
      return std::unexpected(TransportError{TransportFailure::kOther, false, "curl_easy_init failed"});
    auto result = Perform(handle, request, cancellation_.get());
    Release(handle);
    return result;
  }

 private:
  CURL* Acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }

  void Release(CURL* handle) {
    // curl_easy_reset drops the options (and so the header list pointing at the key) but keeps
    // the handle's live connections.
    curl_easy_reset(handle);
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleHandles) {
      idle_.push_back(handle);
      return;
    }
    curl_easy_cleanup(handle);
  }

  static std::expected<HttpResponse, TransportError> Perform(CURL* handle, const HttpRequest& request,
                                                             const Cancellation* cancellation) {
    HttpResponse response;
    curl_slist* list = nullptr;
    for (const auto& [name, value] : request.headers) {
      std::string line = name;
      line.append(": ").append(value);
      curl_slist* next = curl_slist_append(list, line.c_str());
      if (next == nullptr) {
        curl_slist_free_all(list);
        return std::unexpected(TransportError{TransportFailure::kOther, false, "out of memory"});
      }
      list = next;
    }
    // Without this curl adds "Expect: 100-continue" for larger bodies, costing a round trip.
    if (curl_slist* next = curl_slist_append(list, "Expect:"); next != nullptr) list = next;
    std::unique_ptr<curl_slist, SlistDeleter> header_list(list);

    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl can decode
    curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
    if (cancellation != nullptr) {
      curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &OnProgress);
      curl_easy_setopt(handle, CURLOPT_XFERINFODATA, cancellation);
      curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    }
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response.headers);
    if (request.method == "POST") {
      curl_easy_setopt(handle, CURLOPT_POST, 1L);
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    CURLcode code = curl_easy_perform(handle);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);  // the buffer is about to go away
    if (code == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
      response.status = static_cast<int>(status);
      return response;
    }

    long request_size = 0;
    curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_size);
    TransportError error;
    error.request_sent = request_size > 0;
    error.detail = std::string(curl_easy_strerror(code));
    if (error_buffer[0] != '\0') error.detail += std::string(": ") + error_buffer;
    switch (code) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_SSL_CONNECT_ERROR: error.kind = TransportFailure::kConnect; break;
      case CURLE_OPERATION_TIMEDOUT: error.kind = TransportFailure::kTimeout; break;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM: error.kind = TransportFailure::kTls; break;
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
      case CURLE_HTTP2:
      case CURLE_HTTP2_STREAM:
      case CURLE_BAD_CONTENT_ENCODING: error.kind = TransportFailure::kReset; break;
      case CURLE_ABORTED_BY_CALLBACK: error.kind = TransportFailure::kCancelled; break;
      default: error.kind = TransportFailure::kOther; break;
    }
    return std::unexpected(std::move(error));
  }

  std::shared_ptr<Cancellation> cancellation_;
  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

}  // namespace

std::unique_ptr<HttpTransport> MakeCurlTransport(std::shared_ptr<Cancellation> cancellation) {
  return std::make_unique<CurlTransport>(std::move(cancellation));
}

void Cancellation::Cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_.store(true);
  }
  cancelled_cv_.notify_all();
}

bool Cancellation::WaitFor(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !cancelled_cv_.wait_for(lock, duration, [this] { return cancelled_.load(); });
}

void RealSleeper::SleepFor(std::chrono::milliseconds duration) {
  if (duration.count() <= 0) return;
  if (cancellation_) {
    cancellation_->WaitFor(duration);
  } else {
    std::this_thread::sleep_for(duration);
  }
}

}  // namespace portal::anthropic
