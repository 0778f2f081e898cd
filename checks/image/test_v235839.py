"""V-235839 (DKER-EE-003610): only trusted, signed images may be on the cluster.

STIG check: ``docker trust inspect $(docker images | awk '{print $1 ":" $2}')`` — "Verify that
all image tags in the output have valid signatures. If the images are not signed, this is a
finding." Every image reference on every node is checked; the signature must be for this tag
and its Digest must be the image's registry digest (RepoDigests), else the local image is not
the signed one.

Untagged images: a digest-only image (pulled by digest) passes when a signed tag of its
repository carries that digest. A dangling image (neither tag nor digest) cannot be verified;
the STIG's ``docker images`` listing shows it as ``<none>:<none>``, which ``docker trust
inspect`` rejects. It is not applicable by default (``images.untagged_policy: finding`` makes
it a finding).

Legacy id V-95711 selects this check too (``-k V-95711``).
"""

import re

import pytest

from dockerstig.verdict import CouldNotLook, Finding, NotApplicable, require


def _trust_entry(snapshot, ref: str) -> dict:
    trust = snapshot.trust
    entry = (trust.get("refs") or {}).get(ref)
    if trust.get("error") or entry is None or "error" in entry:
        why = trust.get("error") or (entry or {}).get("error") or "no docker trust inspect result"
        raise CouldNotLook(f"trust data for {ref}: {why}")
    return entry


@pytest.mark.stig("V-235839")
def test_v235839_image_signed(image, snapshot, settings):
    for pattern in settings.images.exclude_patterns:
        if re.search(pattern, image.tag or image.repository or ""):
            raise NotApplicable(f"excluded by images.exclude_patterns ({pattern!r})")
    digest = image.local_digest()
    if image.tag is None and image.repository is None:
        if settings.images.untagged_policy == "finding":
            raise Finding(f"image {image.short_id} has no tag and no digest", "only signed images")
        raise NotApplicable(f"dangling image {image.short_id}: no tag or digest to verify (images.untagged_policy)")
    ref = image.tag or image.repository
    entry = _trust_entry(snapshot, ref)
    signed = entry.get("signed_tags") or []
    if entry.get("no_trust_data"):
        raise Finding(f"{ref}: no trust data ({entry['no_trust_data']})", "a signed tag with a valid signature")
    if image.tag:
        tag = image.tag.rsplit(":", 1)[1]
        signed = [s for s in signed if s.get("SignedTag") == tag]
        require(bool(signed), f"{ref}: SignedTags=[] (tag {tag} is not signed)", "a signed tag with a valid signature")
    digests = sorted({s.get("Digest", "") for s in signed})
    shown = ",".join(d[:19] for d in digests)
    require(digest is not None and digest.removeprefix("sha256:") in {d.removeprefix("sha256:") for d in digests},
            f"{ref}: signed Digest {shown or 'none'}, local RepoDigest {digest or 'none'}",
            "the local image is the signed one (Digest = RepoDigest)")
