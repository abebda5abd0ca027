#pragma once
/// The toxic interface: what one toxic does to one direction of one connection.
///
/// A toxic type has a descriptor (toxic_descriptor.hpp) that validates its attributes once into an
/// immutable toxic_factory shared by every connection; the factory makes a fresh toxic_stage per
/// connection and direction. A stage is a pure state machine: it is told when a piece reaches it
/// and when a timer it asked for is due, and answers through a stage_sink with pieces and their
/// release times, or a request to close the connection. It never sleeps, reads or writes; the link
/// does.
#include <atomic>
#include <cstdint>
#include <memory>

#include <faultline/core/clock.hpp>
#include <faultline/toxics/piece.hpp>
#include <faultline/toxics/toxic_random.hpp>

namespace faultline::proxies {

using time_point = clock::time_point;

/// How a toxic ends a connection: FIN on both sockets, or RST (SO_LINGER 0) on both.
enum class close_kind : std::uint8_t { graceful, reset };

/// What a stage may do. The chain implements it; unit tests use a recording one.
class stage_sink {
public:
    /// Passes `p` on to the next stage (or the writer), not before `release`. Pieces leave in the
    /// order they are emitted, whatever their release times.
    virtual void emit(piece p, time_point release) = 0;
    /// Ends the whole connection (both directions) at `at`; pieces already released by the last
    /// stage are written first when `kind` is graceful.
    virtual void close_connection(close_kind kind, time_point at) = 0;
    /// Asks for on_timer() at or after `at`. A later call replaces an earlier request.
    virtual void wake_at(time_point at) = 0;

protected:
    ~stage_sink() = default;
};

/// What a toxic has touched since it was added, summed over every connection. Updated by stages
/// with relaxed atomics; read by the API and the metrics endpoint.
struct toxic_counters {
    std::atomic<std::uint64_t> connections{0};  ///< stages created with the toxic applied
    std::atomic<std::uint64_t> pieces{0};       ///< pieces (chunks) that reached the toxic
    std::atomic<std::uint64_t> bytes{0};        ///< bytes that reached the toxic
    std::atomic<std::uint64_t> actions{0};  ///< decisions that changed something: a delay, a hold,
                                            ///< a cut, a close, a reset

    void add_piece(std::uint64_t size) {
        pieces.fetch_add(1, std::memory_order_relaxed);
        bytes.fetch_add(size, std::memory_order_relaxed);
    }
    void add_action() { actions.fetch_add(1, std::memory_order_relaxed); }
};

/// One toxic on one direction of one connection. Lives on the link's executor only.
class toxic_stage {
public:
    virtual ~toxic_stage() = default;

    /// The stage joins the connection at `now` (at connect, or when its toxic is added to an open
    /// connection). Timer-driven toxics (timeout, reset_peer) schedule themselves here.
    virtual void start(time_point now, stage_sink& out) {
        (void)now;
        (void)out;
    }

    /// `p` reached this stage at `at` (its release time from the stage before, or its read time).
    /// The stage emits it (or pieces of it, or nothing) with release times >= `at`.
    virtual void on_piece(piece p, time_point at, stage_sink& out) = 0;

    /// A time asked for with wake_at() has come.
    virtual void on_timer(time_point now, stage_sink& out) {
        (void)now;
        (void)out;
    }

    /// True when removing this toxic must close the connection (Toxiproxy's `timeout` does: the
    /// data it swallowed is gone, so the stream cannot continue).
    virtual bool closes_on_removal() const { return false; }
};

/// What a stage is given when it is made.
struct stage_context {
    std::uint64_t seed;        ///< for this toxic, connection and direction (see mix_seed)
    toxic_counters& counters;  ///< the toxic's counters, outliving the stage
};

/// A toxic's validated, immutable settings turned into a maker of stages. Shared by every
/// connection; safe to call from any thread.
class toxic_factory {
public:
    virtual ~toxic_factory() = default;
    virtual std::unique_ptr<toxic_stage> make_stage(const stage_context& context) const = 0;
};

}  // namespace faultline::proxies
