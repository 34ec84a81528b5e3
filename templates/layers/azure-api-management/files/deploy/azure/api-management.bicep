// API Management in front of the Container App, as the gateway strategy expects it (GATEWAY_MODE=jwt): each
// request to /mcp must carry a token of the identity provider, which validate-jwt checks before forwarding it
// unchanged; the server verifies it again. The protected-resource metadata stays open: clients read it to find
// where to get a token.

param name string
param location string
param publisherEmail string
param publisherName string

@description('The Container App\'s address, e.g. https://app.example.azurecontainerapps.io.')
param backendUrl string

param openIdConfigurationUrl string
param tokenAudience string

resource service 'Microsoft.ApiManagement/service@2022-08-01' = {
  name: name
  location: location
  sku: {
    name: 'Consumption'
    capacity: 0
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

resource api 'Microsoft.ApiManagement/service/apis@2022-08-01' = {
  parent: service
  name: 'mcp'
  properties: {
    displayName: 'MCP server'
    path: ''
    protocols: ['https']
    serviceUrl: backendUrl
    subscriptionRequired: false
  }
}

var mcpOperations = [
  { name: 'mcp-post', method: 'POST' }
  { name: 'mcp-get', method: 'GET' }
  { name: 'mcp-delete', method: 'DELETE' }
]

resource mcp 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = [for operation in mcpOperations: {
  parent: api
  name: operation.name
  properties: {
    displayName: '${operation.method} /mcp'
    method: operation.method
    urlTemplate: '/mcp'
  }
}]

resource protectedResourceMetadata 'Microsoft.ApiManagement/service/apis/operations@2022-08-01' = {
  parent: api
  name: 'protected-resource-metadata'
  properties: {
    displayName: 'GET /.well-known/oauth-protected-resource/mcp'
    method: 'GET'
    urlTemplate: '/.well-known/oauth-protected-resource/mcp'
  }
}

// Answers stream (Server-Sent Events): forwarded as they come, never buffered.
var mcpPolicy = '''
<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization" require-scheme="Bearer" failed-validation-httpcode="401" failed-validation-error-message="A valid access token is required.">
      <openid-config url="{0}" />
      <audiences>
        <audience>{1}</audience>
      </audiences>
    </validate-jwt>
  </inbound>
  <backend>
    <forward-request buffer-response="false" />
  </backend>
  <outbound>
    <base />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>
'''

resource mcpPolicies 'Microsoft.ApiManagement/service/apis/operations/policies@2022-08-01' = [for (operation, index) in mcpOperations: {
  parent: mcp[index]
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: format(mcpPolicy, openIdConfigurationUrl, tokenAudience)
  }
}]

@description('The gateway\'s address, e.g. https://name.azure-api.net.')
output gatewayUrl string = service.properties.gatewayUrl
