// The fault timeline: order and timing of apply and remove, the baseline gate, removal of every
// fault at stop(), and what counts as taking effect.
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>

#include <faultline/faults/fault_timeline.hpp>

using namespace faultline;
using namespace faultline::faults;
using namespace std::chrono_literals;

namespace {

// A journal of what the effects did, in order, with the run time of each call.
struct journal {
    std::mutex mutex;
    std::vector<std::string> events;
    void add(std::string e) {
        std::lock_guard lock(mutex);
        events.push_back(std::move(e));
    }
    std::vector<std::string> all() {
        std::lock_guard lock(mutex);
        return events;
    }
};

// Records its calls; touches `touches` things once applied; its apply fails when asked to.
class journal_effect final : public fault_effect {
public:
    journal_effect(journal& j, std::string name, std::uint64_t touches, bool fail = false)
        : journal_(j), name_(std::move(name)), touches_(touches), fail_(fail) {}
    expected<void, std::string> apply() override {
        if (fail_)
            return make_unexpected(std::string("refused"));
        journal_.add("apply " + name_);
        applied_ = true;
        return {};
    }
    expected<void, std::string> remove(bool run_ending) noexcept override {
        journal_.add(std::string(run_ending ? "remove-at-end " : "remove ") + name_);
        return {};
    }
    touch_counts touched() const override { return {{"things", applied_ ? touches_ : 0}}; }

private:
    journal& journal_;
    std::string name_;
    std::uint64_t touches_;
    bool fail_;
    bool applied_ = false;
};

timed_fault fault(journal& j, std::string name, nanoseconds at, std::optional<nanoseconds> until,
                  std::uint64_t touches = 1, bool fail = false) {
    return {name, "test", "target",
            at,   until,  std::make_unique<journal_effect>(j, name, touches, fail)};
}

}  // namespace

TEST_CASE("faults are applied and removed in time order; stop removes what is left",
          "[faults][timeline]") {
    journal j;
    std::vector<timed_fault> faults;
    faults.push_back(fault(j, "b", 120ms, 200ms));
    faults.push_back(fault(j, "a", 50ms, 100ms));
    faults.push_back(fault(j, "c", 150ms, std::nullopt));  // until the run ends
    const auto start = clock::now();
    fault_timeline timeline(std::move(faults), start);
    REQUIRE(timeline.first_at() == std::optional<nanoseconds>(50ms));
    timeline.start();
    timeline.open_gate(true);
    std::this_thread::sleep_for(300ms);
    CHECK(timeline.active() == std::vector<std::string>{"c"});
    timeline.stop();
    CHECK(j.all() == std::vector<std::string>{"apply a", "remove a", "apply b", "apply c",
                                              "remove b", "remove-at-end c"});
    const auto records = timeline.records();
    REQUIRE(records.size() == 3);
    CHECK(records[0].name == "a");
    REQUIRE(records[0].applied_s);
    CHECK(*records[0].applied_s >= 0.05);
    CHECK(*records[0].applied_s < 0.09);
    REQUIRE(records[0].removed_s);
    CHECK(*records[0].removed_s >= 0.1);
    CHECK_FALSE(records[0].removed_at_run_end);
    CHECK(records[0].took_effect());
    CHECK(records[2].removed_at_run_end);
    CHECK(timeline.active().empty());
}

TEST_CASE("nothing is injected until the baseline is judged, nothing when it is unhealthy",
          "[faults][timeline]") {
    journal j;
    std::vector<timed_fault> faults;
    faults.push_back(fault(j, "a", 10ms, 20ms));
    faults.push_back(fault(j, "b", 30ms, 40ms));
    fault_timeline timeline(std::move(faults), clock::now());
    timeline.start();
    std::this_thread::sleep_for(100ms);
    CHECK(j.all().empty());  // waiting for the gate
    timeline.open_gate(false);
    std::this_thread::sleep_for(50ms);
    timeline.stop();
    CHECK(j.all().empty());
    for (const auto& r : timeline.records()) {
        CHECK(r.skipped);
        CHECK_FALSE(r.applied_s);
        CHECK_FALSE(r.took_effect());
    }
}

TEST_CASE("a fault that fails or touches nothing did not take effect", "[faults][timeline]") {
    journal j;
    std::vector<timed_fault> faults;
    faults.push_back(fault(j, "idle", 0ms, 10ms, 0));
    faults.push_back(fault(j, "broken", 0ms, 10ms, 1, true));
    faults.push_back(fault(j, "late", 10s, 11s));
    fault_timeline timeline(std::move(faults), clock::now());
    timeline.start();
    timeline.open_gate(true);
    std::this_thread::sleep_for(80ms);
    timeline.stop();  // long before "late"
    const auto records = timeline.records();
    REQUIRE(records.size() == 3);
    CHECK(records[0].applied_s);
    CHECK_FALSE(records[0].took_effect());
    CHECK_FALSE(records[1].applied_s);
    CHECK(records[1].error == "refused");
    CHECK_FALSE(records[2].started_s);
    CHECK(records[2].error == "not reached: the run ended before its time");
    // The failed fault is never removed; the idle one is.
    CHECK(j.all() == std::vector<std::string>{"apply idle", "remove idle"});
}

TEST_CASE("stop() is immediate and idempotent even with faults far ahead", "[faults][timeline]") {
    journal j;
    std::vector<timed_fault> faults;
    faults.push_back(fault(j, "far", 1h, std::nullopt));
    fault_timeline timeline(std::move(faults), clock::now());
    timeline.start();
    const auto before = clock::now();
    timeline.stop();
    timeline.stop();
    CHECK(clock::now() - before < 1s);
    CHECK(j.all().empty());
}
