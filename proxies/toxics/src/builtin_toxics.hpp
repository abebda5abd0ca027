#pragma once
// The descriptors of the built-in toxics, one per file in this folder, listed by builtin_toxics().
#include <faultline/toxics/toxic_descriptor.hpp>

namespace faultline::proxies::toxics {

extern const toxic_descriptor latency_toxic;
extern const toxic_descriptor bandwidth_toxic;
extern const toxic_descriptor slow_close_toxic;
extern const toxic_descriptor timeout_toxic;
extern const toxic_descriptor reset_peer_toxic;
extern const toxic_descriptor slicer_toxic;
extern const toxic_descriptor limit_data_toxic;
extern const toxic_descriptor loss_toxic;
extern const toxic_descriptor drop_toxic;

}  // namespace faultline::proxies::toxics
