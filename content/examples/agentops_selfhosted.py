"""Custom LiteLLM callback that sends traces to a self-hosted AgentOps (UNTESTED).

LiteLLM's built-in "agentops" callback always uses AgentOps' hosted URLs. This module
builds the same logger class with the URLs of your own API and collector instead.
Put this file in the same folder as the LiteLLM proxy's config.yaml (the proxy loads
callback modules from that folder) and reference it from the proxy config as:

    litellm_settings:
      callbacks: ["agentops_selfhosted.agentops_selfhosted"]

REPLACE for your site: agentops.internal.example and api.agentops.internal.example
in the two URLs below.

The logger asks the API for a JWT once, when it is created. The JWT is valid for
30 days and is never refreshed, so restart the proxy within that time.
"""

import os

from litellm.integrations.agentops import AgentOps
from litellm.integrations.agentops.agentops import AgentOpsConfig

agentops_selfhosted = AgentOps(
    config=AgentOpsConfig(
        endpoint="http://agentops.internal.example:4318/v1/traces",
        auth_endpoint="http://api.agentops.internal.example/v3/auth/token",
        api_key=os.environ["AGENTOPS_API_KEY"],
    )
)
