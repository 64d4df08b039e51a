//! The pinned Python environment (numpy, scipy, safetensors) used to generate fixtures and
//! to benchmark SciPy. It lives outside the source tree and is reused while
//! `xtask/fixtures/requirements.txt` is unchanged.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run_step;

/// Returns the path of the virtualenv's Python, creating and populating it if needed.
pub(crate) fn ensure_venv() -> Result<PathBuf, String> {
    let root = crate::workspace_root();
    let requirements = root.join("xtask").join("fixtures").join("requirements.txt");
    let pins =
        std::fs::read(&requirements).map_err(|e| format!("cannot read {}: {e}", requirements.display()))?;
    let hash = format!("{:016x}", fnv1a(&pins));
    let venv = match std::env::var_os("SCI_VENV") {
        Some(dir) => PathBuf::from(dir),
        None => std::env::temp_dir().join(format!("sci-venv-{}", &hash[..12])),
    };
    let python = venv.join("bin").join("python");
    let stamp = venv.join(".sci-requirements");
    if python.exists() && std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == hash) {
        return Ok(python);
    }
    let base = std::env::var("SCI_PYTHON").unwrap_or_else(|_| "python3".to_string());
    if !python.exists() {
        run_step("venv", Command::new(&base).args(["-m", "venv"]).arg(&venv))?;
    }
    run_step(
        "pip",
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"])
            .arg(&requirements),
    )?;
    std::fs::write(&stamp, &hash).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(python)
}

/// FNV-1a, enough to key the virtualenv on the exact pins.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Environment that limits BLAS/OpenMP threading in the Python process.
pub(crate) fn limit_threads(cmd: &mut Command, threads: usize) -> &mut Command {
    let n = threads.to_string();
    for var in [
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "BLIS_NUM_THREADS",
        "VECLIB_MAXIMUM_THREADS",
    ] {
        cmd.env(var, &n);
    }
    cmd
}

/// Whether `path` is a generator script (`*.py` not starting with `_`).
pub(crate) fn is_generator(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "py")
        && path.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('_'))
}
