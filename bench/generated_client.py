"""A podcast made through a client that openapi-generator wrote from /openapi.yml (bench/generated-client.sh).

Only the generated package talks to the API: an operator creates an account and a test key (AdminBearer), the
developer creates a podcast from a page (ApiKey), polls its status waiting as long as each answer's Retry-After
says (a 429 names its own wait), asks for the download link and fetches the MP3. Exits non-zero on any failure.
"""
import json
import os
import subprocess
import sys
import time
import uuid

import podloom_client
from podloom_client.exceptions import ApiException

BASE = os.environ["PODLOOM_URL"]
PAGE = os.environ["PAGE"]
OUT = os.environ.get("OUT", "generated-client.mp3")
DEADLINE = time.monotonic() + float(os.environ.get("TIMEOUT_SECONDS", "600"))


def retry_after(headers, default):
    value = (headers or {}).get("Retry-After")
    return float(value) if value else default


operator = podloom_client.DefaultApi(podloom_client.ApiClient(
    podloom_client.Configuration(host=BASE, access_token=os.environ["PODLOOM_ADMIN_TOKEN"])))
account = operator.admin_create_account(
    podloom_client.AdminAccountRequest(name="generated-client", tier="pro", credits=500)).data
key = operator.admin_create_api_key(str(account.account_id), podloom_client.AdminKeyRequest(type="test")).data
print(f"account {account.account_id}, test key {key.prefix}…")

api = podloom_client.DefaultApi(podloom_client.ApiClient(
    podloom_client.Configuration(host=BASE, api_key={"ApiKey": key.api_key})))
created = api.create_podcast_with_http_info(
    podloom_client.PodcastRequest(urls=[PAGE], target_duration_minutes=1, style="conversational"),
    idempotency_key=str(uuid.uuid4()))
podcast = created.data.data
podcast_id = str(podcast.podcast_id)  # ids are uuid-typed in bodies, plain strings in paths
print(f"created {podcast.podcast_id}: {created.status_code}, {podcast.credits_charged} credits, "
      f"Location {created.headers.get('Location')}")
wait = retry_after(created.headers, 2)

polls = 0
while True:
    if time.monotonic() > DEADLINE:
        sys.exit("gave up waiting for the podcast")
    time.sleep(wait)
    try:
        answer = api.get_podcast_status_with_http_info(podcast_id)
    except ApiException as e:
        if e.status != 429:
            raise
        wait = retry_after(e.headers, 10)
        print(f"429, waiting {wait:.0f} s as Retry-After says")
        continue
    polls += 1
    status = answer.data.data
    print(f"status {status.status} {status.progress}%")
    if status.status in ("completed", "failed"):
        break
    wait = retry_after(answer.headers, 10)

if status.status != "completed":
    sys.exit(f"the podcast failed: {status.to_json()}")
link = api.get_podcast_download(podcast_id).data
print(f"download link valid until {link.expires_at}, {link.size_bytes} bytes, {link.duration_seconds} s")
audio = api.api_client.rest_client.request("GET", link.download_url)
if audio.status != 200:
    sys.exit(f"the download link answered {audio.status}")
with open(OUT, "wb") as f:
    f.write(audio.read())
probe = json.loads(subprocess.run(
    ["ffprobe", "-v", "error", "-show_entries", "format=format_name,duration", "-of", "json", OUT],
    check=True, capture_output=True, text=True).stdout)["format"]
duration = float(probe["duration"])
print(f"{OUT}: {os.path.getsize(OUT)} bytes, format {probe['format_name']}, {duration:.1f} s; {polls} status polls")
if probe["format_name"] != "mp3" or duration < 20:
    sys.exit("not a real MP3 podcast")
