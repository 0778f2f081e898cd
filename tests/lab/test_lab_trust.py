"""Docker Content Trust against the lab's Notary: the signed tag has a Digest, the others not."""

import json
import os
import subprocess

import docker
import pytest


def trust_inspect(lab, *refs, server=None):
    env = {**os.environ, "DOCKER_CONFIG": lab["docker_config"],
           "DOCKER_CONTENT_TRUST_SERVER": server or lab["notary"]}
    done = subprocess.run(["docker", "trust", "inspect", *refs], env=env, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, json.loads(done.stdout), done.stderr


@pytest.fixture(scope="module")
def node1_digests(lab):
    engine = docker.DockerClient(base_url=lab["nodes"][0]["docker_host"])
    return {ref: engine.images.get(ref).attrs["RepoDigests"] for ref in lab["images"].values()}


def test_signed_tag_has_a_digest_matching_the_pushed_image(lab, node1_digests):
    code, out, _ = trust_inspect(lab, lab["images"]["signed"])
    assert code == 0
    [entry] = out
    [tag] = entry["SignedTags"]
    assert tag["SignedTag"] == "signed" and tag["Digest"]
    repo = lab["images"]["signed"].rsplit(":", 1)[0]
    assert node1_digests[lab["images"]["signed"]] == [f"{repo}@sha256:{tag['Digest']}"]


def test_unsigned_tag_in_the_signed_repo_has_no_signed_tags(lab):
    code, out, _ = trust_inspect(lab, lab["images"]["unsigned"])
    assert code == 0 and [e["SignedTags"] for e in out] == [[]]


def test_never_signed_repo_has_no_trust_data(lab):
    code, out, err = trust_inspect(lab, lab["images"]["nosig"])
    assert (code, out) == (1, [])
    assert f"no signatures or cannot access {lab['images']['nosig']}" in err


def test_local_and_pushed_images_as_the_scenario_needs_them(lab, node1_digests):
    assert node1_digests[lab["images"]["root_local"]] == []
    assert all(node1_digests[lab["images"][k]] for k in ("signed", "unsigned", "nosig"))
    node1 = docker.DockerClient(base_url=lab["nodes"][0]["docker_host"])
    assert node1.images.get(lab["dangling_image"]).attrs["RepoTags"] == []
    for node in lab["nodes"][1:]:
        engine = docker.DockerClient(base_url=node["docker_host"])
        for key in ("signed", "unsigned", "nosig"):
            assert engine.images.get(lab["images"][key]).attrs["RepoDigests"], (node, key)
