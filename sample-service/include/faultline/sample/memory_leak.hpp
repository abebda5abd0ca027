#pragma once
/// A deliberate memory leak for drills (--leak-per-request): memory that grows with the number
/// of requests served and is never given back while the service runs.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace faultline::sample {

/// Takes `bytes_per_request` bytes for every leak_one() call and keeps them. The bytes are
/// written (filled with a non-zero pattern), so they are resident: the process's RSS grows by
/// about calls × bytes_per_request. Bytes are carved from 1 MiB chunks (or one chunk of their
/// own when larger), so small leaks cost no per-request bookkeeping. The memory is released
/// only when the object is destroyed (in faultline-sample: at exit). Thread-safe.
class memory_leak {
public:
    /// Leaks `bytes_per_request` bytes per call; 0 makes leak_one() do nothing.
    explicit memory_leak(std::size_t bytes_per_request) : per_request_(bytes_per_request) {}
    memory_leak(const memory_leak&) = delete;
    memory_leak& operator=(const memory_leak&) = delete;

    /// Takes and fills bytes_per_request() more bytes, and keeps them.
    void leak_one();

    /// Bytes leaked so far (calls × bytes_per_request()).
    std::uint64_t leaked_bytes() const noexcept { return leaked_.load(std::memory_order_relaxed); }

    /// The bytes each call leaks.
    std::size_t bytes_per_request() const noexcept { return per_request_; }

private:
    unsigned char* reserve();

    const std::size_t per_request_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<unsigned char[]>> chunks_;
    std::size_t used_ = 0;      // bytes handed out of the last chunk
    std::size_t capacity_ = 0;  // size of the last chunk
    std::atomic<std::uint64_t> leaked_{0};
};

}  // namespace faultline::sample
