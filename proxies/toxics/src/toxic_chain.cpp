#include <algorithm>
#include <utility>

#include <faultline/toxics/toxic_chain.hpp>

namespace faultline::proxies {

namespace {
constexpr std::uint64_t toxicity_salt = 0x746f786963697479ULL;  // "toxicity"
constexpr std::uint64_t stage_salt = 0x7374616765ULL;           // "stage"

std::uint64_t direction_salt(stream_direction d, std::uint64_t salt) {
    return salt ^ (static_cast<std::uint64_t>(d) + 1) * 0x9e3779b97f4a7c15ULL;
}
}  // namespace

struct toxic_chain::entry {
    std::shared_ptr<const active_toxic> toxic;
    bool applied = false;                 // toxicity drawn for this connection
    std::unique_ptr<toxic_stage> stage;   // null when not applied
    std::deque<timed_piece> pending;      // emitted by the stage, waiting for their release
    time_point wake = time_point::max();  // the stage's timer
};

class toxic_chain::entry_sink final : public stage_sink {
public:
    entry_sink(toxic_chain& chain, entry& e) : chain_(chain), entry_(e) {}
    void emit(piece p, time_point release) override {
        chain_.buffered_bytes_ += p.size();
        entry_.pending.push_back(timed_piece{std::move(p), release});
    }
    void close_connection(close_kind kind, time_point at) override {
        chain_.request_close(close_request{kind, at});
    }
    void wake_at(time_point at) override { entry_.wake = at; }

private:
    toxic_chain& chain_;
    entry& entry_;
};

toxic_chain::toxic_chain(std::uint64_t connection, stream_direction direction)
    : connection_(connection), direction_(direction) {}
toxic_chain::~toxic_chain() = default;
toxic_chain::toxic_chain(toxic_chain&&) noexcept = default;
toxic_chain& toxic_chain::operator=(toxic_chain&&) noexcept = default;

bool toxic_chain::draw_toxicity(const active_toxic& toxic) const {
    toxic_random random(
        mix_seed(toxic.settings.seed, connection_, direction_salt(direction_, toxicity_salt)));
    return random.chance(toxic.settings.toxicity);
}

std::unique_ptr<toxic_chain::entry> toxic_chain::make_entry(
    const std::shared_ptr<const active_toxic>& toxic, bool applied, time_point now) {
    auto e = std::make_unique<entry>();
    e->toxic = toxic;
    e->applied = applied;
    if (applied && toxic->factory) {
        stage_context context{
            mix_seed(toxic->settings.seed, connection_, direction_salt(direction_, stage_salt)),
            *toxic->counters};
        e->stage = toxic->factory->make_stage(context);
        entry_sink sink(*this, *e);
        e->stage->start(now, sink);
    }
    return e;
}

/*
 * apply(): pieces live, in stream order from earliest to latest, in
 *   ready_ ← entries_[n-1].pending ← … ← entries_[0].pending ← inbox_
 * A removed (or replaced) entry's pending pieces skip the rest of its stage: they move to the
 * front of the queue of the nearest kept entry before it (or of the inbox), due now, so they are
 * handed to the next stage of the new chain first, in their order.
 */
void toxic_chain::apply(const toxic_list& toxics, time_point now) {
    std::vector<std::unique_ptr<entry>> old = std::move(entries_);
    entries_.clear();
    std::deque<timed_piece>* before = &inbox_;  // queue of the last entry placed so far
    std::size_t next_new = 0;                   // next toxic of `toxics` to place

    auto place_new_until = [&](std::size_t end) {
        for (; next_new < end; ++next_new) {
            const auto& toxic = toxics[next_new];
            bool applied = draw_toxicity(*toxic);
            if (applied)
                toxic->counters->connections.fetch_add(1, std::memory_order_relaxed);
            entries_.push_back(make_entry(toxic, applied, now));
            before = &entries_.back()->pending;
        }
    };
    auto skip_stage = [&](entry& e) {
        for (auto it = e.pending.rbegin(); it != e.pending.rend(); ++it)
            before->push_front(timed_piece{std::move(it->p), std::min(it->release, now)});
        e.pending.clear();
    };

    for (auto& e : old) {
        auto found = std::find_if(toxics.begin(), toxics.end(), [&](const auto& t) {
            return t->settings.name == e->toxic->settings.name;
        });
        if (found == toxics.end()) {
            if (e->stage && e->stage->closes_on_removal())
                request_close(close_request{close_kind::graceful, now});
            skip_stage(*e);
            continue;
        }
        auto index = static_cast<std::size_t>(found - toxics.begin());
        if (index < next_new)
            continue;  // defensive: a name listed twice
        place_new_until(index);
        const auto& toxic = *found;
        if (toxic->generation == e->toxic->generation) {
            entries_.push_back(std::move(e));
            before = &entries_.back()->pending;
        } else {
            // Updated: keep the toxicity decision unless the toxicity itself changed.
            bool applied = toxic->settings.toxicity == e->toxic->settings.toxicity
                               ? e->applied
                               : draw_toxicity(*toxic);
            if (applied && !e->applied)
                toxic->counters->connections.fetch_add(1, std::memory_order_relaxed);
            // What the old stage held skips the new one too: it becomes the new stage's output.
            auto fresh = make_entry(toxic, applied, now);
            before = &fresh->pending;
            skip_stage(*e);
            entries_.push_back(std::move(fresh));
        }
        next_new = index + 1;
    }
    place_new_until(toxics.size());
}

void toxic_chain::push(piece p, time_point now) {
    buffered_bytes_ += p.size();
    inbox_.push_back(timed_piece{std::move(p), now});
}

void toxic_chain::deliver(std::size_t index, piece p, time_point at) {
    for (; index < entries_.size(); ++index) {
        entry& e = *entries_[index];
        if (e.stage) {
            entry_sink sink(*this, e);
            e.stage->on_piece(std::move(p), at, sink);
            return;
        }
        if (!e.pending.empty()) {  // pieces moved here by apply() go first
            buffered_bytes_ += p.size();
            e.pending.push_back(timed_piece{std::move(p), at});
            return;
        }
    }
    buffered_bytes_ += p.size();
    ready_.push_back(std::move(p));
}

void toxic_chain::advance(time_point now) {
    auto drain = [&](std::deque<timed_piece>& queue, std::size_t next) {
        while (!queue.empty() && queue.front().release <= now) {
            timed_piece t = std::move(queue.front());
            queue.pop_front();
            buffered_bytes_ -= t.p.size();
            deliver(next, std::move(t.p), t.release);
        }
    };
    drain(inbox_, 0);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        entry& e = *entries_[i];
        if (e.stage && e.wake <= now) {
            e.wake = time_point::max();
            entry_sink sink(*this, e);
            e.stage->on_timer(now, sink);
        }
        drain(e.pending, i + 1);
    }
}

std::optional<piece> toxic_chain::pop_ready() {
    if (ready_.empty())
        return std::nullopt;
    piece p = std::move(ready_.front());
    ready_.pop_front();
    buffered_bytes_ -= p.size();
    return p;
}

time_point toxic_chain::next_wake() const {
    time_point next = time_point::max();
    if (!inbox_.empty())
        next = std::min(next, inbox_.front().release);
    for (const auto& e : entries_) {
        if (e->stage)
            next = std::min(next, e->wake);
        if (!e->pending.empty())
            next = std::min(next, e->pending.front().release);
    }
    if (close_)
        next = std::min(next, close_->at);
    return next;
}

bool toxic_chain::is_pass_through() const {
    if (!inbox_.empty() || !ready_.empty())
        return false;
    return std::all_of(entries_.begin(), entries_.end(),
                       [](const auto& e) { return !e->stage && e->pending.empty(); });
}

void toxic_chain::request_close(close_request request) {
    if (!close_ || request.at < close_->at)
        close_ = request;
}

}  // namespace faultline::proxies
