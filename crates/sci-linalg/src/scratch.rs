//! faer workspace allocation that fails with an error instead of aborting.

use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use sci_core::{Error, Result};

/// Allocates the workspace `req` describes and runs `f` with it.
pub(crate) fn with_scratch<R>(what: &str, req: StackReq, f: impl FnOnce(&mut MemStack) -> R) -> Result<R> {
    let mut buffer = MemBuffer::try_new(req).map_err(|_| {
        Error::invalid_argument(
            what,
            format!("matrix too large: could not allocate {} bytes of workspace", req.size_bytes()),
        )
    })?;
    Ok(f(MemStack::new(&mut buffer)))
}
