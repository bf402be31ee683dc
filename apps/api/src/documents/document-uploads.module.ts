import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Application } from '@app/models';
import { DocumentUploadsController } from './document-uploads.controller';
import { DocumentUploadsService } from './document-uploads.service';

@Module({
  imports: [TypeOrmModule.forFeature([Application])],
  controllers: [DocumentUploadsController],
  providers: [DocumentUploadsService],
})
export class DocumentUploadsModule {}
