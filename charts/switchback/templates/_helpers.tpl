{{/* The chart's name, or nameOverride. */}}
{{- define "switchback.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object: the release name, unless it already contains the chart's name. */}}
{{- define "switchback.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The four services and the status page (console), in a fixed order: values key, name, container port
(docs/configuration.md) and whether the service talks to the Kubernetes API. Their RBAC rules are in rbac.yaml, fixed by the chart:
least privilege is not a value.
*/}}
{{- define "switchback.components" -}}
- {key: buildListener, name: build-listener, port: 8080, kubernetesApi: false}
- {key: deployer, name: deployer, port: 8081, kubernetesApi: true}
- {key: healthMonitor, name: health-monitor, port: 8082, kubernetesApi: true}
- {key: rollbackController, name: rollback-controller, port: 8083, kubernetesApi: true}
- {key: console, name: console, port: 8084, kubernetesApi: false}
{{- end }}

{{/* The enabled components as a list of dicts, each with its values under "values". */}}
{{- define "switchback.enabledComponents" -}}
{{- $out := list }}
{{- range (include "switchback.components" . | fromYamlArray) }}
{{- $values := index $.Values .key }}
{{- if $values.enabled }}
{{- $out = append $out (merge (dict "values" $values) .) }}
{{- end }}
{{- end }}
{{- toYaml (dict "items" $out) }}
{{- end }}

{{/* <fullname>-<component> */}}
{{- define "switchback.componentName" -}}
{{- printf "%s-%s" (include "switchback.fullname" .root) .component.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "switchback.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "switchback.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchback
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" $c). */}}
{{- define "switchback.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchback.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component.name }}
{{- end }}

{{- define "switchback.componentLabels" -}}
{{ include "switchback.labels" .root }}
app.kubernetes.io/component: {{ .component.name }}
{{- end }}

{{- define "switchback.image" -}}
{{- $tag := .component.values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s/%s:%s" .root.Values.image.registry .component.values.image.repository $tag }}
{{- end }}

{{/*
Checks across keys that values.schema.json cannot phrase clearly; each failure names the key.
*/}}
{{- define "switchback.validate" -}}
{{- $k := .Values.kafka }}
{{- if and (hasPrefix "SASL_" $k.securityProtocol) (not $k.sasl.mechanism) }}
{{- fail (printf "kafka.sasl.mechanism: required when kafka.securityProtocol is %s (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER)" $k.securityProtocol) }}
{{- end }}
{{- if and (hasPrefix "SASL_" $k.securityProtocol) (not $k.sasl.existingSecret) }}
{{- fail "kafka.sasl.existingSecret: required with SASL: the Secret holding the JAAS configuration" }}
{{- end }}
{{- if and .Values.buildListener.enabled (not .Values.buildListener.trust.existingSecret) }}
{{- fail "buildListener.trust.existingSecret: required: the Secret holding the build-listener's trust file (senders, operators, webhooks)" }}
{{- end }}
{{- if and .Values.rbac.clusterWide .Values.rbac.namespaces }}
{{- fail "rbac.namespaces: leave empty with rbac.clusterWide=true (ClusterRoles cover every namespace)" }}
{{- end }}
{{- if and .Values.releases.branches .Values.releases.upstream }}
{{- fail "releases.upstream: leave empty with releases.branches set: an environment takes builds or promotions, not both" }}
{{- end }}
{{- if and .Values.releases.switchAfter (not .Values.cluster) }}
{{- fail "cluster: required with releases.switchAfter: name this installation's cluster" }}
{{- end }}
{{- if and .Values.releases.switchAfter (eq .Values.releases.switchAfter .Values.cluster) }}
{{- fail "releases.switchAfter: names this installation's own cluster; name the cluster that switches first" }}
{{- end }}
{{- if and .Values.releases.upstream (eq .Values.releases.upstream .Values.environment) }}
{{- fail "releases.upstream: names this environment itself; name the environment its releases come from" }}
{{- end }}
{{- end }}

{{/* Environment every service gets: Kafka connection, passed through Spring Boot's own keys. */}}
{{- define "switchback.kafkaEnv" -}}
{{- $k := .Values.kafka -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $k.bootstrapServers | quote }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ $k.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $k.securityProtocol }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ $k.sasl.mechanism | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $k.sasl.existingSecret }}
      key: {{ $k.sasl.jaasConfigKey }}
{{- end }}
{{- if $k.tls.existingSecret }}
- name: SPRING_KAFKA_SSL_TRUST_STORE_TYPE
  value: PEM
- name: SPRING_KAFKA_SSL_TRUST_STORE_LOCATION
  value: {{ printf "file:/etc/switchback/kafka-tls/%s" $k.tls.caKey | quote }}
{{- end }}
{{- with $k.topics }}
{{- if .replicationFactor }}
- name: SWITCHBACK_KAFKA_TOPICS_REPLICATIONFACTOR
  value: {{ .replicationFactor | quote }}
{{- end }}
{{- if .minInsyncReplicas }}
- name: SWITCHBACK_KAFKA_TOPICS_MININSYNCREPLICAS
  value: {{ .minInsyncReplicas | quote }}
{{- end }}
{{- end }}
{{- end }}
