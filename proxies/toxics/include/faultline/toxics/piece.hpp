#pragma once
/// A slice of a byte stream moving through a toxic chain, or the stream's end.
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace faultline::proxies {

/// Bytes read from one socket read, shared (never copied) by every piece cut from them.
using byte_block = std::vector<char>;

/// A contiguous slice of a shared byte_block, or the end-of-stream marker (the source half-closed
/// its side). Cheap to copy: slicing shares the block.
class piece {
public:
    /// The end of the stream: after it, the writer half-closes its side.
    static piece end_of_stream() { return piece{}; }

    /// All of `block`.
    explicit piece(std::shared_ptr<const byte_block> block)
        : block_(std::move(block)), offset_(0), size_(block_ ? block_->size() : 0) {}

    /// Bytes [offset, offset + size) of this piece; both are clamped to the piece.
    piece slice(std::size_t offset, std::size_t size) const {
        piece p = *this;
        if (offset > size_)
            offset = size_;
        if (size > size_ - offset)
            size = size_ - offset;
        p.offset_ = offset_ + offset;
        p.size_ = size;
        return p;
    }

    bool is_end() const { return block_ == nullptr; }
    std::size_t size() const { return size_; }
    std::string_view bytes() const {
        return block_ ? std::string_view(block_->data() + offset_, size_) : std::string_view{};
    }

private:
    piece() = default;
    std::shared_ptr<const byte_block> block_;
    std::size_t offset_ = 0;
    std::size_t size_ = 0;
};

}  // namespace faultline::proxies
