#pragma once
/// The toxics of one direction of one connection, run as a discrete-event pipeline with no I/O.
///
///   read ──push──▶ [stage 0 │ pending] ──▶ [stage 1 │ pending] ──▶ … ──▶ ready ──▶ writer
///
/// Each stage decides, when a piece reaches it, when the piece may move on (its release time);
/// pieces wait in the stage's FIFO until then, so bytes never overtake each other. advance(now)
/// moves every piece whose time has come one stage further, as often as needed, and fires due
/// stage timers. The link calls push() on reads, advance() on wake-ups, and writes what pop_ready()
/// gives. apply() swaps the toxic list between two pieces: kept toxics keep their stage and queue,
/// a removed or updated toxic's queued pieces move on at once (Toxiproxy flushes a removed toxic's
/// buffer the same way), new toxics start with an empty queue.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include <faultline/toxics/toxic.hpp>
#include <faultline/toxics/toxic_settings.hpp>

namespace faultline::proxies {

/// A request from a stage to end the connection.
struct close_request {
    close_kind kind;
    time_point at;
};

class toxic_chain {
public:
    /// `connection` numbers the connection within its proxy (for seeds); `direction` salts them.
    toxic_chain(std::uint64_t connection, stream_direction direction);
    ~toxic_chain();
    toxic_chain(toxic_chain&&) noexcept;
    toxic_chain& operator=(toxic_chain&&) noexcept;

    /// Makes the chain follow `toxics` from `now` on. Toxicity is drawn once per toxic and
    /// connection (again only when an update changes it).
    void apply(const toxic_list& toxics, time_point now);

    /// A chunk (or the end of stream) read from the source at `now`. Call advance() after.
    void push(piece p, time_point now);

    /// Moves pieces and fires timers up to `now`.
    void advance(time_point now);

    /// The next piece the writer may write, in stream order; nullopt when none is due yet.
    std::optional<piece> pop_ready();

    /// When advance() has something to do next (time_point::max() when nothing is scheduled).
    time_point next_wake() const;

    /// The earliest close any stage asked for, if any.
    std::optional<close_request> close_requested() const { return close_; }

    /// True when no toxic applies and nothing is queued: the link may copy bytes directly.
    bool is_pass_through() const;

    /// Bytes held in every stage and the ready queue (for read back-pressure).
    std::size_t buffered_bytes() const { return buffered_bytes_; }

    /// Number of toxics currently in the chain (applied or not).
    std::size_t size() const { return entries_.size(); }

private:
    struct timed_piece {
        piece p;
        time_point release;
    };
    struct entry;
    class entry_sink;

    void deliver(std::size_t index, piece p, time_point at);
    void request_close(close_request request);
    std::unique_ptr<entry> make_entry(const std::shared_ptr<const active_toxic>& toxic,
                                      bool applied, time_point now);
    bool draw_toxicity(const active_toxic& toxic) const;

    std::uint64_t connection_;
    stream_direction direction_;
    std::deque<timed_piece> inbox_;  ///< read, waiting to enter the first stage
    std::vector<std::unique_ptr<entry>> entries_;
    std::deque<piece> ready_;
    std::optional<close_request> close_;
    std::size_t buffered_bytes_ = 0;
};

}  // namespace faultline::proxies
