// A proxy fault on a control that leases toxics (a standalone proxy): every toxic is added with
// the fault's lease and renewed every third of it while the fault lasts, never after. The
// control here records what it is asked; the HTTP control against a real standalone proxy is
// covered by the standalone drill's integration test.
#include <atomic>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/faults/proxy_effects.hpp>

using namespace std::chrono_literals;
namespace faults = faultline::faults;
namespace proxies = faultline::proxies;
using faultline::expected;
using faultline::nanoseconds;

namespace {

class recording_control final : public faults::proxy_control {
public:
    expected<void, std::string> add_toxic(const std::string&,
                                          const proxies::toxic_request& toxic) override {
        std::lock_guard lock(mutex_);
        added.push_back(toxic);
        return {};
    }
    expected<void, std::string> remove_toxic(const std::string&,
                                             const std::string& toxic) noexcept override {
        std::lock_guard lock(mutex_);
        removed.push_back(toxic);
        return {};
    }
    expected<faults::touch_counts, std::string> toxic_counts(const std::string&,
                                                             const std::string&) const override {
        return faults::touch_counts{{"connections", 2}, {"actions", 1}};
    }
    expected<std::uint64_t, std::string> set_enabled(const std::string&, bool on) override {
        enabled.push_back(on);
        return 3;  // connections open before
    }
    bool leases() const override { return true; }
    expected<void, std::string> renew(const std::string&, const std::string& toxic,
                                      nanoseconds lease) override {
        std::lock_guard lock(mutex_);
        renewals.emplace_back(toxic, lease);
        return {};
    }

    std::size_t renewal_count() const {
        std::lock_guard lock(mutex_);
        return renewals.size();
    }

    std::vector<proxies::toxic_request> added;
    std::vector<std::string> removed;
    std::vector<bool> enabled;
    std::vector<std::pair<std::string, nanoseconds>> renewals;

private:
    mutable std::mutex mutex_;
};

}  // namespace

TEST_CASE("a leased outage adds its toxics with the lease and renews them while it lasts",
          "[faults][lease]") {
    recording_control control;
    auto effect =
        faults::make_outage_effect(control, "db", faults::proxy_outage::blackhole, "hole", 90ms);
    REQUIRE(effect->apply());
    REQUIRE(control.added.size() == 2);  // both directions
    for (const auto& toxic : control.added) {
        CHECK(toxic.type == "timeout");
        REQUIRE(toxic.expires_in);
        CHECK(*toxic.expires_in == 90ms);
    }
    // Renewed every 30 ms: wait (bounded) for a few rounds.
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (control.renewal_count() < 6 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(5ms);
    CHECK(control.renewal_count() >= 6);
    // Summed over both toxics.
    const auto touched = effect->touched();
    CHECK(touched.front() == std::pair<std::string, std::uint64_t>{"connections", 4});

    REQUIRE(effect->remove(false));
    CHECK(control.removed == std::vector<std::string>{"hole_upstream", "hole_downstream"});
    const auto after_remove = control.renewal_count();
    std::this_thread::sleep_for(100ms);
    CHECK(control.renewal_count() == after_remove);  // no renewal once removed
    for (const auto& [name, lease] : control.renewals)
        CHECK(lease == 90ms);
    // The counts read just before removal stay.
    CHECK(effect->touched().front().second == 4);
}

TEST_CASE("a refuse outage disables the proxy and enables it again", "[faults][lease]") {
    recording_control control;
    auto effect = faults::make_outage_effect(control, "db", faults::proxy_outage::refuse, "r", 1s);
    REQUIRE(effect->apply());
    CHECK(control.added.empty());
    CHECK(control.enabled == std::vector<bool>{false});
    CHECK(effect->touched() == faults::touch_counts{{"connections_cut", 3}});
    REQUIRE(effect->remove(false));
    CHECK(control.enabled == std::vector<bool>{false, true});
    CHECK(control.renewals.empty());
}
