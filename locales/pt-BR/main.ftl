# Painel do geniai: português do Brasil. Cada linha é `chave = texto`; `{ $nome }` é preenchido
# pelo programa (números e datas já chegam formatados). Mantenha as chaves; traduza o texto.

## Layout comum
app-tagline = Análise de conversas
nav-overview = Visão geral
nav-audit = Registro de auditoria
nav-new-tenant = Novo cliente
nav-dashboard = Painel
nav-integrations = Integrações
nav-menu = Menu
log-out = Sair
language = Idioma
language-default = Padrão do cliente
language-browser = Padrão do navegador
language-apply = Alterar
locale-en = English
locale-pt-BR = Português (Brasil)
none = (nenhum)

## Login
login-title = Entrar
login-email = E-mail
login-password = Senha
login-submit = Entrar
login-failed = E-mail ou senha incorretos, ou tentativas demais. Tente novamente mais tarde.
login-busy = O servidor está ocupado verificando outros acessos. Tente novamente em alguns segundos.

## Páginas e mensagens de erro
error-page-title = Erro { $status }
error-back = Voltar ao painel
error-unauthorized = é preciso entrar
error-forbidden = acesso negado
error-not-found = não encontrado
error-internal = erro interno
error-form-too-large = o formulário é grande demais
error-unknown-timezone = fuso horário desconhecido “{ $value }”: escolha um da lista
error-bad-date = “{ $value }” não é uma data (por exemplo 31/01/2026)
error-period-order = o início do período ({ $from }) deve ser anterior ao fim ({ $to })
error-period-too-long = o período pode ter no máximo { $days } dias
error-unknown-preset = período desconhecido “{ $value }”
error-unknown-bucket = agrupamento desconhecido “{ $value }”
error-invalid = dados inválidos: { $detail }
error-conflict = conflito com o que já existe: { $detail }
error-busy = ocupado no momento, tente novamente em instantes: { $detail }
error-secret-name = nome de credencial inválido “{ $value }”: use de 1 a 64 letras, dígitos, “_”, “.” ou “-”
error-secret-value = o valor deve ter de 1 a { $max } bytes
error-no-master-key = o servidor não tem chave mestra configurada
error-tenant-exists = já existe um cliente com o identificador “{ $value }”
error-user-exists = já existe um usuário com o e-mail “{ $value }”
error-unknown-locale = idioma desconhecido “{ $value }”

## Linha de atualização
updated = Atualizado
newest-change = alteração mais recente no Chatwoot
not-synced = Ainda não sincronizado
ago-seconds = há { $n } s
ago-minutes = há { $n } min
ago-hours = há { $n } h
ago-days = há { $n } d

## Painel
viewing-tenant = Vendo o cliente
viewing-as-admin = como administrador da plataforma.
key-figures = Indicadores principais
kpi-conversations = Conversas
kpi-resolutions = Resoluções
kpi-avg-first-response = Primeira resposta média
kpi-median-first-response = Primeira resposta mediana
kpi-avg-resolution = Tempo médio de resolução
kpi-csat-average = CSAT (1–5)
kpi-csat-satisfaction = CSAT satisfeitos
kpi-leads = Leads
kpi-conversions = Conversões
kpi-conversion-rate = Taxa de conversão
kpi-open = Abertas agora
kpi-unattended = Sem atendimento agora
kpi-unassigned = Sem responsável agora
chart-daily = Conversas e resoluções por dia
chart-series-title = Conversas e resoluções
chart-point = { $label }: { $conversations } conversas, { $resolutions } resoluções
legend-conversations = Conversas
legend-resolutions = Resoluções
by-inbox = Por caixa de entrada
by-agent = Por agente
by-team = Por equipe
by-label = Por etiqueta
by-channel = Por canal
col-inbox = Caixa de entrada
col-agent = Agente
col-team = Equipe
col-label = Etiqueta
col-channel = Canal
col-conversations = Conversas
col-resolutions = Resoluções
col-avg-first-response = Primeira resposta média
col-median-first-response = Primeira resposta mediana
table-total = Total
table-total-distinct = Todas as conversas
table-total-distinct-note = Uma conversa com várias etiquetas conta em cada uma delas; a linha de total a conta uma vez.
col-avg-resolution = Resolução média
col-csat = CSAT
empty-inboxes = Nenhuma caixa de entrada neste período.
empty-agents = Nenhum agente neste período.
empty-teams = Nenhuma equipe neste período.
empty-labels = Nenhuma etiqueta neste período.
empty-channels = Nenhum canal neste período.
frt-title = Tempo de primeira resposta
frt-within = Em até
frt-first-responses = Primeiras respostas
frt-share = Parcela
downloads = Downloads
csv-every-conversation = todas as conversas (exportação)
picker-from = De
picker-timezone = Fuso horário
picker-show = Mostrar
picker-until = Até (último dia incluído)
picker-timezone-default = { $tz } (padrão da conta)
presets-label = Período
preset-today = Hoje
preset-yesterday = Ontem
preset-last-7-days = Últimos 7 dias
preset-last-30-days = Últimos 30 dias
preset-last-90-days = Últimos 90 dias
preset-this-month = Este mês
preset-last-month = Mês passado
preset-this-year = Este ano
preset-custom = Personalizado
period-compared = comparado com { $range }
change-previous = antes: { $value }
change-same = sem mudança
change-no-previous = nada para comparar
change-up = subiu { $percent }
change-down = caiu { $percent }
change-unchanged = sem mudança
change-better = melhor
change-worse = pior
change-sentence = { $direction } em relação ao período anterior { $verdict ->
    [none] {""}
   *[other] ({ $verdict })
}

## Cabeçalhos dos CSVs baixados do painel (a CLI e a API mantêm os nomes dos campos)
csv-tenant = cliente
csv-from = de
csv-to = ate
csv-timezone = fuso_horario
csv-business_hours = horario_comercial
csv-date = data
csv-inbox_id = id_caixa
csv-agent_id = id_agente
csv-team_id = id_equipe
csv-label = etiqueta
csv-channel_type = tipo_canal
csv-name = nome
csv-conversations = conversas
csv-incoming_messages = mensagens_recebidas
csv-outgoing_messages = mensagens_enviadas
csv-resolutions = resolucoes
csv-resolved_conversations = conversas_resolvidas
csv-avg_first_response_seconds = primeira_resposta_media_segundos
csv-median_first_response_seconds = primeira_resposta_mediana_segundos
csv-p90_first_response_seconds = primeira_resposta_p90_segundos
csv-avg_resolution_seconds = resolucao_media_segundos
csv-avg_reply_seconds = resposta_media_segundos
csv-bot_resolutions = resolucoes_bot
csv-bot_handoffs = transferencias_bot
csv-csat_responses = respostas_csat
csv-csat_average = csat_medio
csv-csat_satisfaction = csat_satisfacao
csv-csat_surveys_sent = pesquisas_csat_enviadas
csv-leads = leads
csv-conversions = conversoes
csv-csat_response_rate = taxa_resposta_csat
csv-conversion_rate = taxa_conversao
csv-open = abertas
csv-unattended = sem_atendimento
csv-unassigned = sem_responsavel
csv-bucket = faixa
csv-lower_seconds = inicio_segundos
csv-upper_seconds = fim_segundos
csv-first_responses = primeiras_respostas
csv-share = parcela
csv-weekday = dia_semana
csv-hour = hora
csv-conversation_id = id_conversa
csv-display_id = numero
csv-account_id = id_conta
csv-inbox_name = caixa
csv-assignee_id = id_responsavel
csv-agent_name = agente
csv-team_name = equipe
csv-status = status
csv-priority = prioridade
csv-labels = etiquetas
csv-created_at = criada_em
csv-first_response_seconds = primeira_resposta_segundos
csv-resolution_seconds = resolucao_segundos
csv-csat_rating = nota_csat

## Integrações
integrations-title = Integrações
integrations-intro = Credenciais das integrações de { $tenant }. Guardadas criptografadas; os valores nunca são mostrados de novo, só os quatro últimos caracteres.
integrations-no-key = O servidor não tem chave mestra configurada (GENIAI_MASTER_KEY), então as credenciais não podem ser alteradas aqui.
secret-name = Nome
secret-value = Valor
secret-changed = Última alteração
secret-delete = Excluir
secret-delete-confirm = Excluir esta credencial? A integração para de funcionar até ser configurada de novo.
secret-managed = gerenciado pela GeniAI
secrets-empty = Nenhuma credencial de integração ainda.
secret-set-title = Definir uma credencial
secret-save = Salvar

## Admin: visão geral
overview-title = Todos os clientes
col-tenant = Cliente
col-status = Situação
col-leads = Leads
col-conversions = Conversões
col-conv-rate = Taxa de conv.
col-avg-frt = 1ª resp. média
col-last-etl = Último ETL
col-etl-lag = Atraso do ETL
col-actions = Ações
all-tenants = Todos os clientes
never = nunca
overview-footnote = Período: { $from } a { $to }. Atraso do ETL: quanto cada cópia está atrás da origem (agora menos sua marca d'água mais antiga).
suspend = Suspender
activate = Ativar
suspend-confirm = Suspender este cliente? Os usuários saem e não conseguem entrar até que ele seja ativado.
status-active = ativo
status-suspended = suspenso
status-succeeded = concluído
status-failed = falhou
status-running = em execução

## Admin: página do cliente
add-user-title = Adicionar um usuário a { $tenant }
user-email = E-mail
user-name = Nome
user-role = Papel
user-password = Senha inicial (12 ou mais caracteres)
add-user = Adicionar usuário

## Admin: registro de auditoria
audit-title = Registro de auditoria
audit-tenant-filter = Cliente (identificador)
audit-filter = Filtrar
col-when = Quando (UTC)
col-who = Quem
col-action = Ação
col-entity = Entidade
col-before = Antes
col-after = Depois
audit-empty = Nada registrado ainda.

## Admin: novo cliente
new-tenant-title = Novo cliente
tenant-name = Nome
tenant-slug = Identificador (a-z, 0-9, -)
tenant-plan = Plano
tenant-timezone = Fuso horário
create-tenant = Criar cliente
