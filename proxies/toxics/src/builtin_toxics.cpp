#include "builtin_toxics.hpp"

namespace faultline::proxies {

std::span<const toxic_descriptor* const> builtin_toxics() {
    // One line per toxic, in the order of the reference (proxies/TOXICS.md).
    static constexpr const toxic_descriptor* list[] = {
        &toxics::latency_toxic,    &toxics::bandwidth_toxic,  &toxics::slow_close_toxic,
        &toxics::timeout_toxic,    &toxics::reset_peer_toxic, &toxics::slicer_toxic,
        &toxics::limit_data_toxic, &toxics::loss_toxic,       &toxics::drop_toxic,
    };
    return list;
}

}  // namespace faultline::proxies
