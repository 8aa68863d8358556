// bench_password_hash: argon2id hash time for OWASP's equivalent parameter sets (Password Storage
// Cheat Sheet: m = 47104 KiB/t = 1, 19456/2, 12288/3, 9216/4, 7168/5; p = 1), through the
// portal's own hasher where its floor (m ≥ 19 MiB, t ≥ 2) allows and libsodium directly
// otherwise. docs/security.md says which the portal uses and why.
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <string>

#include "security/password_hasher.hpp"

namespace {

void Argon2id(benchmark::State& state) {
  const auto memory_kib = static_cast<std::size_t>(state.range(0));
  const auto passes = static_cast<unsigned long long>(state.range(1));
  char hash[crypto_pwhash_STRBYTES];
  const std::string password = "correct horse battery staple";
  for (auto _ : state) {
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), passes, memory_kib * 1024,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
      state.SkipWithError("out of memory");
      break;
    }
    benchmark::DoNotOptimize(hash);
  }
  state.counters["MiB"] = static_cast<double>(memory_kib) / 1024.0;
}
BENCHMARK(Argon2id)
    ->Args({47104, 1})
    ->Args({19456, 2})
    ->Args({12288, 3})
    ->Args({9216, 4})
    ->Args({7168, 5})
    ->Args({65536, 3})  // the older 64 MiB, t = 3 set
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void PortalHasher(benchmark::State& state) {
  portal::security::SodiumPasswordHasher hasher;  // the default parameters
  for (auto _ : state) benchmark::DoNotOptimize(hasher.Hash("correct horse battery staple"));
}
BENCHMARK(PortalHasher)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  return 0;
}
