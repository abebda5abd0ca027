#include <catch2/catch.hpp>

#include <faultline/toxics/toxic_chain.hpp>

using namespace faultline;
using namespace faultline::proxies;
using namespace std::chrono_literals;

namespace {

// Test stages, independent of the builtin toxics: the chain's mechanics only.
class delay_stage final : public toxic_stage {
public:
    explicit delay_stage(nanoseconds d) : delay_(d) {}
    void on_piece(piece p, time_point at, stage_sink& out) override { out.emit(p, at + delay_); }

private:
    nanoseconds delay_;
};

// Each piece waits less than the one before: without the FIFO rule they would overtake.
class shrinking_delay_stage final : public toxic_stage {
public:
    void on_piece(piece p, time_point at, stage_sink& out) override {
        out.emit(p, at + next_);
        next_ = next_ > 10ms ? next_ - 10ms : nanoseconds(0);
    }

private:
    nanoseconds next_ = 100ms;
};

class swallow_stage final : public toxic_stage {
public:
    void on_piece(piece, time_point, stage_sink&) override {}
    bool closes_on_removal() const override { return true; }
};

class alarm_stage final : public toxic_stage {
public:
    void start(time_point now, stage_sink& out) override { out.wake_at(now + 50ms); }
    void on_piece(piece p, time_point at, stage_sink& out) override { out.emit(p, at); }
    void on_timer(time_point now, stage_sink& out) override {
        out.close_connection(close_kind::reset, now);
    }
};

template <class Stage, class... Args>
class factory_of final : public toxic_factory {
public:
    explicit factory_of(Args... args) : args_(args...) {}
    std::unique_ptr<toxic_stage> make_stage(const stage_context&) const override {
        return std::apply([](auto... a) { return std::make_unique<Stage>(a...); }, args_);
    }

private:
    std::tuple<Args...> args_;
};

std::uint64_t next_generation = 1;

std::shared_ptr<const active_toxic> toxic(std::string name,
                                          std::shared_ptr<const toxic_factory> factory,
                                          double toxicity = 1.0, std::uint64_t seed = 7) {
    auto t = std::make_shared<active_toxic>();
    t->settings.name = std::move(name);
    t->settings.toxicity = toxicity;
    t->settings.seed = seed;
    t->factory = std::move(factory);
    t->counters = std::make_shared<toxic_counters>();
    t->generation = next_generation++;
    return t;
}

std::shared_ptr<const active_toxic> updated(const std::shared_ptr<const active_toxic>& t) {
    auto copy = std::make_shared<active_toxic>(*t);
    copy->generation = next_generation++;
    return copy;
}

piece bytes(const std::string& text) {
    return piece(std::make_shared<const byte_block>(text.begin(), text.end()));
}

std::string drain(toxic_chain& chain) {
    std::string out;
    while (auto p = chain.pop_ready())
        out += p->is_end() ? std::string("<end>") : std::string(p->bytes());
    return out;
}

const time_point t0 = time_point{} + 1000s;

}  // namespace

TEST_CASE("an empty chain passes pieces on at once and is pass-through", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    CHECK(chain.is_pass_through());
    chain.push(bytes("ab"), t0);
    chain.push(bytes("cd"), t0);
    chain.push(piece::end_of_stream(), t0);
    CHECK_FALSE(chain.is_pass_through());
    CHECK(chain.buffered_bytes() == 4);
    chain.advance(t0);
    CHECK(drain(chain) == "abcd<end>");
    CHECK(chain.buffered_bytes() == 0);
    CHECK(chain.is_pass_through());
}

TEST_CASE("a delayed piece waits for its release time", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    auto delay = std::make_shared<factory_of<delay_stage, nanoseconds>>(10ms);
    chain.apply({toxic("delay", delay)}, t0);
    CHECK_FALSE(chain.is_pass_through());
    chain.push(bytes("x"), t0);
    chain.advance(t0 + 5ms);
    CHECK(drain(chain).empty());
    CHECK(chain.next_wake() == t0 + 10ms);
    chain.advance(t0 + 10ms);
    CHECK(drain(chain) == "x");
    CHECK(chain.next_wake() == time_point::max());
}

TEST_CASE("pieces never overtake each other, whatever their release times", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::upstream);
    auto shrinking = std::make_shared<factory_of<shrinking_delay_stage>>();
    chain.apply({toxic("shrink", shrinking)}, t0);
    for (char c = 'a'; c <= 'e'; ++c)
        chain.push(bytes(std::string(1, c)), t0 + std::chrono::milliseconds(c - 'a'));
    std::string out;
    for (auto now = t0; now <= t0 + 200ms; now += 1ms) {
        chain.advance(now);
        out += drain(chain);
    }
    CHECK(out == "abcde");
}

TEST_CASE("removing a toxic releases what it held, in order, without loss", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    auto long_delay = std::make_shared<factory_of<delay_stage, nanoseconds>>(10s);
    auto short_delay = std::make_shared<factory_of<delay_stage, nanoseconds>>(1ms);
    auto first = toxic("first", long_delay);
    auto second = toxic("second", long_delay);
    auto third = toxic("third", short_delay);
    chain.apply({first, second, third}, t0);
    chain.push(bytes("1"), t0);
    chain.advance(t0);
    chain.apply({first, third}, t0 + 1ms);  // "1" sits in first: unaffected
    chain.advance(t0 + 10s);                // "1" reaches third (1 ms)
    chain.push(bytes("2"), t0 + 10s);       // "2" enters first (10 s)
    chain.advance(t0 + 10s + 1ms);
    CHECK(drain(chain) == "1");
    chain.push(bytes("3"), t0 + 10s + 2ms);
    chain.advance(t0 + 10s + 2ms);
    SECTION("remove the stage holding them") {
        chain.apply({third}, t0 + 11s);
        chain.advance(t0 + 11s);
        CHECK(drain(chain).empty());  // third still delays 1 ms
        chain.advance(t0 + 11s + 1ms);
        CHECK(drain(chain) == "23");
    }
    SECTION("remove every stage") {
        chain.apply({}, t0 + 11s);
        chain.advance(t0 + 11s);
        CHECK(drain(chain) == "23");
        CHECK(chain.is_pass_through());
        CHECK(chain.buffered_bytes() == 0);
    }
}

TEST_CASE("an updated toxic restarts its stage and keeps the stream in order", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    auto delay = std::make_shared<factory_of<delay_stage, nanoseconds>>(1s);
    auto t = toxic("delay", delay);
    chain.apply({t}, t0);
    chain.push(bytes("a"), t0);
    chain.advance(t0);
    auto t2 = updated(t);
    chain.apply({t2}, t0 + 100ms);  // "a" leaves the old stage now
    chain.push(bytes("b"), t0 + 100ms);
    chain.advance(t0 + 100ms);
    CHECK(drain(chain) == "a");
    chain.advance(t0 + 1100ms);
    CHECK(drain(chain) == "b");
    CHECK(t->counters->connections.load() == 1);  // the update is not a new connection
}

TEST_CASE("removing a toxic that swallows data closes the connection", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    auto swallow = std::make_shared<factory_of<swallow_stage>>();
    chain.apply({toxic("timeout", swallow)}, t0);
    chain.push(bytes("lost"), t0);
    chain.advance(t0);
    CHECK(chain.buffered_bytes() == 0);
    CHECK_FALSE(chain.close_requested());
    chain.apply({}, t0 + 2s);
    REQUIRE(chain.close_requested());
    CHECK(chain.close_requested()->kind == close_kind::graceful);
    CHECK(chain.close_requested()->at == t0 + 2s);
}

TEST_CASE("a stage's timer fires at its time", "[proxies][chain]") {
    toxic_chain chain(1, stream_direction::downstream);
    auto alarm = std::make_shared<factory_of<alarm_stage>>();
    chain.apply({toxic("alarm", alarm)}, t0);
    CHECK(chain.next_wake() == t0 + 50ms);
    chain.advance(t0 + 49ms);
    CHECK_FALSE(chain.close_requested());
    chain.advance(t0 + 50ms);
    REQUIRE(chain.close_requested());
    CHECK(chain.close_requested()->kind == close_kind::reset);
}

TEST_CASE("toxicity decides per connection, reproducibly", "[proxies][chain]") {
    auto delay = std::make_shared<factory_of<delay_stage, nanoseconds>>(1ms);
    SECTION("0 never applies, 1 always") {
        auto never = toxic("never", delay, 0.0);
        auto always = toxic("always", delay, 1.0);
        for (std::uint64_t c = 0; c < 50; ++c) {
            toxic_chain a(c, stream_direction::downstream);
            a.apply({never}, t0);
            CHECK(a.is_pass_through());
            toxic_chain b(c, stream_direction::downstream);
            b.apply({always}, t0);
            CHECK_FALSE(b.is_pass_through());
        }
        CHECK(never->counters->connections.load() == 0);
        CHECK(always->counters->connections.load() == 50);
    }
    SECTION("a half applies to about half, the same half for the same seed") {
        auto half = toxic("half", delay, 0.5, 42);
        int applied = 0;
        for (std::uint64_t c = 0; c < 2000; ++c) {
            toxic_chain a(c, stream_direction::downstream);
            a.apply({half}, t0);
            toxic_chain again(c, stream_direction::downstream);
            again.apply({half}, t0);
            CHECK(a.is_pass_through() == again.is_pass_through());
            applied += a.is_pass_through() ? 0 : 1;
        }
        CHECK(applied > 900);
        CHECK(applied < 1100);
    }
}
