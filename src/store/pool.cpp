#include "store/pool.h"

namespace weige::store {

Pool::Pool(Factory factory, std::size_t size) : factory_(std::move(factory)), size_(size) {}

Pool::Lease::~Lease() {
  if (pool_ && db_) {
    if (db_->in_transaction()) (void)db_->rollback();  // a handler that forgot; never leak a tx
    pool_->release(std::move(db_));
  }
}

Result<Pool::Lease> Pool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
  if (!idle_.empty()) {
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(db));
  }
  ++opened_;
  lock.unlock();
  auto db = factory_();
  if (!db) {
    std::lock_guard relock(mu_);
    --opened_;
    cv_.notify_one();
    return db.status();
  }
  return Lease(this, std::move(db).value());
}

void Pool::release(std::unique_ptr<Db> db) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(db));
  }
  cv_.notify_one();
}

}  // namespace weige::store
