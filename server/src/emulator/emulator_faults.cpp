#include "emulator/emulator_faults.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace portal::emulator {

std::string_view ToString(FaultKind kind) {
  switch (kind) {
    case FaultKind::kRateLimited: return "429";
    case FaultKind::kInternal: return "500";
    case FaultKind::kOverloaded: return "529";
    case FaultKind::kTimeout: return "timeout";
    case FaultKind::kReset: return "reset";
    case FaultKind::kTruncated: return "truncated";
    case FaultKind::kBusinessError: return "error_code";
    case FaultKind::kNone: return "ok";
  }
  return "500";
}

std::optional<Fault> ParseFault(std::string_view spec) {
  std::string text;
  for (char c : spec) {
    if (!std::isspace(static_cast<unsigned char>(c)))
      text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::string_view rest = text;
  std::string_view head = rest.substr(0, rest.find(';'));
  Fault fault;
  if (head == "429") {
    fault.kind = FaultKind::kRateLimited;
  } else if (head == "500") {
    fault.kind = FaultKind::kInternal;
  } else if (head == "529") {
    fault.kind = FaultKind::kOverloaded;
  } else if (head == "timeout") {
    fault.kind = FaultKind::kTimeout;
  } else if (head == "reset") {
    fault.kind = FaultKind::kReset;
  } else if (head == "truncated") {
    fault.kind = FaultKind::kTruncated;
  } else if (head == "ok") {
    fault.kind = FaultKind::kNone;
  } else if (auto colon = head.find(':'); colon == 3 && head.size() > 4) {
    int status = 0;
    const std::string_view digits = head.substr(0, 3);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
    auto code = head.substr(4);
    bool code_ok = std::all_of(code.begin(), code.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
    if (ec != std::errc() || end != digits.data() + digits.size() || status < 400 || status > 599 || !code_ok)
      return std::nullopt;
    fault.kind = FaultKind::kBusinessError;
    fault.status = status;
    fault.error_code = std::string(code);
  } else {
    return std::nullopt;
  }
  if (head.size() < rest.size()) {
    auto option = rest.substr(head.size() + 1);
    constexpr std::string_view kRetryAfter = "retry-after=";
    if (fault.kind != FaultKind::kRateLimited || !option.starts_with(kRetryAfter)) return std::nullopt;
    auto number = option.substr(kRetryAfter.size());
    int seconds = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), seconds);
    if (ec != std::errc() || end != number.data() + number.size() || seconds < 0 || seconds > 3600) return std::nullopt;
    fault.retry_after_seconds = seconds;
  }
  return fault;
}

Result<std::vector<Fault>> ParseFaultList(const std::vector<std::string>& kinds) {
  std::vector<Fault> out;
  for (const auto& entry : kinds) {
    std::size_t start = 0;
    while (start <= entry.size()) {
      auto comma = entry.find(',', start);
      if (comma == std::string::npos) comma = entry.size();
      auto item = std::string_view(entry).substr(start, comma - start);
      if (!item.empty()) {
        auto fault = ParseFault(item);
        if (!fault) {
          return Fail(
              Error::InvalidArgument("unknown fault kind \"" + std::string(item) +
                                     "\" (use 429, 500, 529, timeout, reset, truncated, ok or STATUS:error_code)"));
        }
        out.push_back(*fault);
      }
      start = comma + 1;
    }
  }
  return out;
}

FaultInjector::FaultInjector(std::vector<Fault> kinds, double rate, int latency_min_ms, int latency_max_ms,
                             std::uint64_t seed)
    : kinds_(std::move(kinds)),
      rate_(std::clamp(rate, 0.0, 1.0)),
      latency_min_ms_(std::max(0, latency_min_ms)),
      latency_max_ms_(std::max(std::max(0, latency_min_ms), latency_max_ms)),
      rng_(seed ^ 0xFA17ULL) {
  if (kinds_.empty()) {
    kinds_ = {Fault{FaultKind::kRateLimited}, Fault{FaultKind::kInternal}, Fault{FaultKind::kOverloaded}};
  }
}

Result<std::optional<Fault>> FaultInjector::Pick(std::string_view header_value) {
  if (!header_value.empty()) {
    auto fault = ParseFault(header_value);
    if (!fault)
      return Fail(Error::InvalidArgument("X-Emulator-Fault: unknown fault \"" + std::string(header_value) + "\""));
    return fault;
  }
  std::lock_guard lock(mutex_);
  if (!queued_.empty()) {
    Fault fault = queued_.front();
    queued_.pop_front();
    return std::optional<Fault>(fault);
  }
  if (rate_ > 0.0 && rng_.Unit() < rate_) return std::optional<Fault>(kinds_[rng_.Below(kinds_.size())]);
  return std::optional<Fault>();
}

std::chrono::milliseconds FaultInjector::Latency() {
  if (latency_max_ms_ <= 0) return std::chrono::milliseconds(0);
  std::lock_guard lock(mutex_);
  auto span = static_cast<std::uint64_t>(latency_max_ms_) - static_cast<std::uint64_t>(latency_min_ms_) + 1;
  return std::chrono::milliseconds(latency_min_ms_ + static_cast<int>(rng_.Below(span)));
}

void FaultInjector::Queue(const std::vector<Fault>& faults) {
  std::lock_guard lock(mutex_);
  for (const auto& f : faults) queued_.push_back(f);
}

void FaultInjector::SetRandom(std::vector<Fault> kinds, double rate) {
  std::lock_guard lock(mutex_);
  if (!kinds.empty()) kinds_ = std::move(kinds);
  rate_ = std::clamp(rate, 0.0, 1.0);
}

double FaultInjector::Rate() {
  std::lock_guard lock(mutex_);
  return rate_;
}

std::size_t FaultInjector::QueuedCount() {
  std::lock_guard lock(mutex_);
  return queued_.size();
}

}  // namespace portal::emulator
