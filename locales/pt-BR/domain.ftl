# geniai: o que os erros do domínio dizem na web (formulários, parâmetros de URL, a API), pelo
# identificador de mensagem de cada erro (src/error.rs, `MessageId`). A linha de comando mantém
# suas próprias palavras em inglês. Nunca cite aqui uma opção da linha de comando.

domain-invalid-slug = identificador inválido “{ $value }”: use de 2 a 63 letras minúsculas, dígitos e “-”, começando por uma letra ou um dígito
domain-name-blank = o nome não pode ficar em branco
domain-name-too-long = o nome tem mais de { $max } caracteres
domain-invalid-colour = cor inválida “{ $value }”: escreva-a como #RRGGBB, por exemplo #1F6FEB
domain-invalid-email = e-mail inválido “{ $value }”
domain-invalid-inbox-id = id de caixa de entrada inválido “{ $value }”: os ids são números inteiros positivos
domain-invalid-url = endereço inválido “{ $value }”: informe um endereço http:// ou https://
domain-invalid-label = etiqueta inválida “{ $value }”: etiquetas não ficam em branco e não têm vírgulas
domain-unknown-choice = valor desconhecido “{ $value }”: escolha entre { $choices }
domain-password-too-short = a senha deve ter pelo menos { $min } caracteres
domain-password-blank = a senha não pode ficar em branco
domain-unknown-tenant = cliente desconhecido “{ $value }”
domain-nothing-to-update = nada a alterar
domain-tenant-busy = uma carga de dados do cliente “{ $value }” está em andamento: tente novamente quando ela terminar
domain-unknown-user = usuário desconhecido “{ $value }”
domain-secret-value-empty = o valor de { $name } está vazio
domain-secret-source-url = o banco de origem deve ser uma URL de conexão PostgreSQL (postgresql://usuario:senha@host/banco)
domain-master-key-mismatch = as credenciais estão seladas com a chave mestra { $key }, mas a chave mestra do servidor é { $configured }: o servidor precisa ser configurado com a chave que as selou
