#include "core/log.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace portal::log {
namespace {

// Lines to stderr a batch at a time: one write(2) per line (per request, with the access log)
// cost a fifth of GET /api/v1/me's throughput. A warning or an error is written at once (with
// everything before it), the rest within kFlushEvery, and whatever is left at exit.
constexpr auto kFlushEvery = std::chrono::milliseconds(200);

class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { WriteOut(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= 64 * 1024) WriteOut();
  }
  void flush_() override { WriteOut(); }

 private:
  void WriteOut() {
    std::size_t done = 0;
    while (done < buffer_.size()) {
      const ssize_t n = ::write(STDERR_FILENO, buffer_.data() + done, buffer_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr closed: nothing else to do with the lines
      done += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

  std::string buffer_;
};

std::shared_ptr<spdlog::logger> MakeStderr() {
  auto logger = std::make_shared<spdlog::logger>("portal", std::make_shared<BufferedStderrSink>());
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::warn);
  return logger;
}

std::shared_ptr<spdlog::logger> Current();

// Flushes the current logger every kFlushEvery until the process ends.
class PeriodicFlush {
 public:
  PeriodicFlush()
      : thread_([this](const std::stop_token& stop) {
          std::unique_lock lock(mutex_);
          while (!wake_.wait_for(lock, stop, kFlushEvery, [] { return false; })) {
            if (stop.stop_requested()) break;
            lock.unlock();
            Current()->flush();
            lock.lock();
          }
        }) {}

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;  // last: stopped and joined before the members above go
};

std::mutex& LoggerMutex() {
  static std::mutex m;
  return m;
}

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger = MakeStderr();
  static PeriodicFlush flusher;  // constructed after the logger, so destroyed (joined) before it
  return logger;
}

std::shared_ptr<spdlog::logger> Current() {
  std::lock_guard lock(LoggerMutex());
  return Logger();
}

spdlog::level::level_enum ToSpd(Level level) {
  switch (level) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view Name(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t pos = 0; pos < s.size();) {
    std::size_t plain = pos;  // printable ASCII other than '"' and '\\' is copied as it is, a run at a time
    while (plain < s.size() && s[plain] >= 0x20 && s[plain] < 0x7f && s[plain] != '"' && s[plain] != '\\') ++plain;
    if (plain > pos) {
      out.append(s.substr(pos, plain - pos));
      pos = plain;
      continue;
    }
    const auto cp = DecodeUtf8(s, pos);
    const auto c = static_cast<unsigned char>(s[pos]);
    if (!cp.valid) {
      out += "\\ufffd";  // a byte that is not UTF-8 (a raw request path, say) would break the line
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.append(s.substr(pos, cp.length));
    }
    pos += cp.length;
  }
  out.push_back('"');
}

bool SetLevel(std::string_view level) {
  Level l;
  if (level == "debug")
    l = Level::kDebug;
  else if (level == "info")
    l = Level::kInfo;
  else if (level == "warn")
    l = Level::kWarn;
  else if (level == "error")
    l = Level::kError;
  else
    return false;
  Current()->set_level(ToSpd(l));
  return true;
}

void Flush() { Current()->flush(); }

void SetFile(const std::string& path) {
  auto logger = std::make_shared<spdlog::logger>("portal", std::make_shared<spdlog::sinks::basic_file_sink_mt>(path));
  logger->set_pattern("%v");
  logger->set_level(Current()->level());
  logger->flush_on(spdlog::level::debug);
  std::lock_guard lock(LoggerMutex());
  Logger() = logger;
}

void Write(Level level, std::string_view event, std::initializer_list<Field> fields) {
  auto logger = Current();
  if (!logger->should_log(ToSpd(level))) return;
  std::string line;
  line.reserve(128);
  line += "{\"ts\":";
  AppendJsonString(line, FormatRfc3339(std::chrono::system_clock::now()));
  line += ",\"level\":";
  AppendJsonString(line, Name(level));
  line += ",\"event\":";
  AppendJsonString(line, event);
  for (const auto& f : fields) {
    line.push_back(',');
    AppendJsonString(line, f.key);
    line.push_back(':');
    if (auto* s = std::get_if<std::string_view>(&f.value)) {
      AppendJsonString(line, *s);
    } else if (auto* i = std::get_if<std::int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", *d);
      line += buf;
    } else {
      line += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  line.push_back('}');
  logger->log(ToSpd(level), "{}", line);
}

}  // namespace portal::log
