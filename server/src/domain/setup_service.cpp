#include "domain/setup_service.hpp"

namespace portal::domain {

Result<SetupState> SetupService::State() {
  auto needed = auth_.SetupNeeded();
  if (!needed) return Fail(needed.error());
  auto configured = anthropic_.Configured();
  return SetupState{*needed, configured && *configured};
}

Result<TokenPair> SetupService::Run(const SetupInput& input) {
  const bool with_key = input.anthropic_admin_key && !input.anthropic_admin_key->empty();
  if (with_key) {
    auto needed = auth_.SetupNeeded();
    if (!needed) return Fail(needed.error());
    if (!*needed) return Fail(Error::Conflict("setup is already done"));
    auto verified = anthropic_.Verify(*input.anthropic_admin_key, std::nullopt);
    if (!verified) return Fail(verified.error());
  }
  auto pair = auth_.Setup(input.name, input.email, input.password, input.client, input.request_id);
  if (!pair) return Fail(pair.error());
  if (with_key) {
    auto stored = anthropic_.Configure(*input.anthropic_admin_key, std::nullopt, pair->user.id, input.request_id);
    if (!stored) return Fail(stored.error());
    if (auto started = sync_.StartAs("setup", pair->user.id, input.request_id); !started) {
      return Fail(started.error());
    }
  }
  return pair;
}

}  // namespace portal::domain
