"""nbval runs the notebooks with a scratch data folder and the made-up example diary, so no test
ever reads or writes a learner's own progress or diary, and the stored outputs stay the same."""
import os
import tempfile


def pytest_configure(config):
    os.environ["TWITCHCOURSE_DATA_DIR"] = tempfile.mkdtemp(prefix="twitchcourse-nbval-")
    os.environ["TWITCHCOURSE_EXAMPLE_DIARY"] = "1"
