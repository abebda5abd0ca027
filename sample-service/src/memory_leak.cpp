#include <algorithm>
#include <cstring>

#include <faultline/sample/memory_leak.hpp>

namespace faultline::sample {
namespace {

constexpr std::size_t chunk_bytes = std::size_t{1} << 20;
constexpr unsigned char fill_pattern = 0xa5;  // not zero: no page can stay a shared zero page

}  // namespace

unsigned char* memory_leak::reserve() {
    const std::lock_guard lock(mutex_);
    if (chunks_.empty() || capacity_ - used_ < per_request_) {
        capacity_ = std::max(chunk_bytes, per_request_);
        // Not value-initialised: the pages become resident only as leak_one() fills them.
        chunks_.push_back(std::make_unique_for_overwrite<unsigned char[]>(capacity_));
        used_ = 0;
    }
    unsigned char* piece = chunks_.back().get() + used_;
    used_ += per_request_;
    return piece;
}

void memory_leak::leak_one() {
    if (per_request_ == 0)
        return;
    unsigned char* piece = reserve();
    std::memset(piece, fill_pattern, per_request_);  // outside the lock: may be megabytes
    leaked_.fetch_add(per_request_, std::memory_order_relaxed);
}

}  // namespace faultline::sample
