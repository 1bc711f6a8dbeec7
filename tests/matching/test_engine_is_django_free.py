import subprocess
import sys

CODE = (
    "import tandem.matching.engine, tandem.matching.explain, "
    "tandem.matching.index, tandem.matching.encoders, tandem.matching.text, sys; "
    "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
)


def test_engine_modules_import_no_django():
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
