"""Secrets never reach the snapshot: what the collectors keep of env, commands, labels, ps."""

from dockerstig.redact import REDACTED, redact_docker


def test_redact_docker_drops_env_values_and_secret_arguments():
    docker = {
        "containers": [{"Config": {"Env": ["DB_PASSWORD=hunter2", "PATH=/bin"],
                                   "Cmd": ["mysqld", "--password", "hunter2", "--port", "3306"],
                                   "Entrypoint": ["run", "--api-key=k3y"],
                                   "Labels": {"app": "db", "vault.token": "s.abc"}},
                        "Args": ["--password", "hunter2"]}],
        "images": [{"Config": {"Env": ["TOKEN=t0k"]}}],
        "top": {"abc": {"processes": [{"pid": 1, "comm": "mysqld", "args": "mysqld --password=hunter2"}]}},
        "services": [{"Spec": {"TaskTemplate": {"ContainerSpec": {"Env": ["SECRET=x"], "Args": ["--token", "t"]}}}}],
    }
    text = repr(redact_docker(docker))
    for secret in ("hunter2", "k3y", "s.abc", "t0k", "SECRET=x", "'t'"):
        assert secret not in text
    c = docker["containers"][0]
    assert c["Config"]["Env"] == ["DB_PASSWORD=" + REDACTED, "PATH=" + REDACTED]
    assert c["Config"]["Cmd"] == ["mysqld", "--password", REDACTED, "--port", "3306"]
    assert c["Config"]["Labels"] == {"app": "db", "vault.token": REDACTED}
    assert docker["top"]["abc"]["processes"][0]["args"] == "mysqld --password=" + REDACTED
