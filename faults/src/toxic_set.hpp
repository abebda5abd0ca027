#pragma once
// Toxics a fault adds to one proxy together and removes together, with their leases renewed
// while they last when the proxy's control leases toxics.
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <faultline/faults/proxy_control.hpp>

namespace faultline::faults {

class toxic_set {
public:
    /// `lease`: each toxic's when the control leases().
    toxic_set(proxy_control& control, std::string proxy, std::vector<proxies::toxic_request> toxics,
              nanoseconds lease);
    ~toxic_set();
    toxic_set(const toxic_set&) = delete;
    toxic_set& operator=(const toxic_set&) = delete;

    /// Adds every toxic (then starts renewing their leases); on a failure removes those already
    /// added.
    expected<void, std::string> add();
    /// Stops renewing and removes every toxic added; the first error is returned, the others
    /// still removed.
    expected<void, std::string> remove() noexcept;
    /// Summed counts of the toxics (connections, pieces, bytes, actions); once removed, the
    /// counts as they were just before.
    touch_counts touched() const;

private:
    touch_counts current() const;
    void renew_loop();
    void stop_renewing() noexcept;

    proxy_control& control_;
    std::string proxy_;
    std::vector<proxies::toxic_request> toxics_;
    nanoseconds lease_;
    std::size_t added_ = 0;
    touch_counts last_;  ///< counts as last read, kept once the toxics are gone
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread renewer_;
};

}  // namespace faultline::faults
